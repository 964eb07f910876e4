package org.metalvirt.shim.remote;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metalvirt.hostxml.GuestSupport;

/**
 * Who the daemon says it is on a connection, chosen by the driver name the client opened.
 *
 * <p>{@code baremetal:///system} is metalvirt's own face: type {@code BAREMETAL}, metalvirt's
 * version as the hypervisor's. {@code qemu:///system} is for agents that insist on QEMU (Nova
 * checks {@code getType() == "QEMU"} and minimum versions before it manages a host): type
 * {@code QEMU}, and the versions Debian 12 ships — libvirt 9.0.0 and QEMU 7.2.0 — which pass
 * Nova's minimums (8.0.0 and 6.2.0) without unlocking feature gates of later releases that a
 * bare-metal server cannot honour.
 */
public enum Personality {
    BAREMETAL("baremetal", "BAREMETAL") {
        @Override
        long hypervisorVersion() {
            return MetalvirtVersion.encoded();
        }

        @Override
        GuestSupport guestSupport(String arch) {
            return new GuestSupport(List.of("baremetal"), Optional.empty(), List.of("baremetal"));
        }
    },
    QEMU("qemu", "QEMU") {
        @Override
        long hypervisorVersion() {
            return 7_002_000L;
        }

        @Override
        GuestSupport guestSupport(String arch) {
            return new GuestSupport(
                    List.of("qemu", "kvm"),
                    Optional.of("/usr/bin/qemu-system-" + arch),
                    List.of("pc-q35-7.2", "q35", "pc-i440fx-7.2", "pc"),
                    Map.of("q35", "pc-q35-7.2", "pc", "pc-i440fx-7.2"));
        }
    };

    /** The libvirt release whose API and protocol metalvirt answers to, on every connection. */
    static final long LIBVIRT_VERSION = 9_000_000L;

    private final String scheme;
    private final String type;

    Personality(String scheme, String type) {
        this.scheme = scheme;
        this.type = type;
    }

    /** The URI scheme (driver name) that selects this personality. */
    String scheme() {
        return scheme;
    }

    /** What {@code virConnectGetType} returns. */
    String type() {
        return type;
    }

    /** What {@code virConnectGetVersion} returns, as major * 1,000,000 + minor * 1,000 + release. */
    abstract long hypervisorVersion();

    /** The {@code <guest>} this connection advertises for a server of the given architecture. */
    abstract GuestSupport guestSupport(String arch);

    /** The canonical URI of a connection with this personality. */
    String uri() {
        return scheme + ":///system";
    }

    static Optional<Personality> forScheme(String scheme) {
        for (Personality personality : values()) {
            if (personality.scheme.equals(scheme)) {
                return Optional.of(personality);
            }
        }
        return Optional.empty();
    }
}
