package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.Optional;
import org.metalvirt.shim.xdr.Max;

/**
 * Records of metalvirt's own operator program ({@link MetalvirtProcedures}): what libvirt's admin
 * program has no call for. Times are milliseconds since the epoch, 0 for never.
 */
public final class Metalvirt {

    private Metalvirt() {}

    public record StatusRet(
            String version,
            long startedMillis,
            long uptimeSeconds,
            int nodes,
            int domains,
            int activeDomains,
            int clients) {}

    /**
     * One node as read now: its power ({@code on}, {@code off}, {@code unknown}), the domain bound
     * to it and that domain's state, the last poll, and the health of its power transport.
     */
    public record Node(
            String name,
            String backend,
            String power,
            Optional<String> domain,
            String domainState,
            long lastPollMillis,
            String health) {}

    public record NodeListRet(@Max(4096) List<Node> nodes) {}

    public record NodeArgs(String name, int flags) {}

    /** A name and a value, in the order they are shown. */
    public record Property(String name, String value) {}

    public record NodeShowRet(Node node, @Max(1024) List<Property> inventory) {}

    /** One step of a node's self-test: what was tried, {@code ok} 1 passed, 0 failed, 2 not applicable, and what was seen. */
    public record CheckResult(String name, int ok, String detail) {}

    public record NodeCheckRet(@Max(64) List<CheckResult> checks) {}

    /** {@code action}: {@link PowerAction}'s value. */
    public record NodePowerArgs(String name, int action, int flags) {}

    public record LogSetLevelArgs(Optional<String> logger, String level, int flags) {}

    public enum PowerAction {
        ON,
        OFF,
        RESET
    }

    /** Flags of {@code NODE_POWER}. */
    public enum NodePowerFlag implements LibvirtFlag {
        /** Acts even while a domain is active on the node. */
        FORCE(1);

        private final int code;

        NodePowerFlag(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }
}
