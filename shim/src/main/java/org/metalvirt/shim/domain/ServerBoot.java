package org.metalvirt.shim.domain;

import java.util.Optional;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.ServerFirmware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the server boots for a start: the plan's boot order and the firmware the domain asks for,
 * checked against what the server's firmware has. libvirt's QEMU driver picks the firmware when
 * the domain starts and fails the start when none satisfies the request; so does this.
 */
final class ServerBoot {

    private static final Logger LOG = LoggerFactory.getLogger(ServerBoot.class);

    private ServerBoot() {}

    static void apply(NodeDriver node, NodePlan plan) {
        Optional<FirmwareMode> mode = mode(plan, node.inventory().read().firmware());
        try {
            node.boot().setBoot(plan.bootOrder(), mode);
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_SUPPORT) {
                throw e;
            }
            LOG.debug("node {} cannot set a boot order; the server boots from its own", node.name());
        }
    }

    /** The mode asked for, if any; one the server lacks (Secure Boot included) fails the start. */
    static Optional<FirmwareMode> mode(NodePlan plan, ServerFirmware firmware) {
        Optional<FirmwareMode> mode = switch (plan.firmware()) {
            case EFI -> Optional.of(FirmwareMode.EFI);
            case BIOS -> Optional.of(FirmwareMode.BIOS);
            case UNSPECIFIED -> plan.secureBoot() ? Optional.of(FirmwareMode.EFI) : Optional.empty();
        };
        boolean lacking =
                mode.filter(m -> !firmware.has(m)).isPresent() || (plan.secureBoot() && !firmware.secureBoot());
        if (lacking) {
            String name = mode.orElseThrow().libvirtName();
            throw Failures.failed(ErrorDomain.QEMU, "Unable to find any firmware to satisfy '" + name + "'");
        }
        return mode;
    }
}
