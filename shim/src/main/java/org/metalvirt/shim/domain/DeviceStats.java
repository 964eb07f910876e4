package org.metalvirt.shim.domain;

import java.util.Optional;
import org.metalvirt.domainxml.Device;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DeviceCounters;
import org.metalvirt.node.NodeDriver;

/**
 * The counters of a running domain's devices, named as clients name them: a disk by its target
 * ({@code vda}) or alias, an interface by its MAC or alias. The card counts, when it can.
 */
final class DeviceStats {

    private DeviceStats() {
    }

    static DeviceCounters.Block block(NodeDriver node, DomainRecord record, String path) {
        return node.counters().block(diskId(requireActive(record).definition(), path));
    }

    static DeviceCounters.Size size(NodeDriver node, DomainRecord record, String path) {
        return node.counters().size(diskId(requireActive(record).definition(), path));
    }

    static DeviceCounters.Interface network(NodeDriver node, DomainRecord record, String device) {
        return node.counters().network(interfaceId(requireActive(record).definition(), device));
    }

    /** A disk is the card's by its alias if it has one, else by its target. */
    private static String diskId(DomainDefinition definition, String path) {
        for (Device device : definition.devices()) {
            if (device instanceof Device.Disk disk
                    && (disk.target().equals(path) || disk.alias().filter(path::equals).isPresent())) {
                return disk.alias().orElse(disk.target());
            }
        }
        throw new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN, "invalid argument: invalid path: " + path);
    }

    /** An interface is the card's by its alias if it has one, else by its MAC. */
    private static String interfaceId(DomainDefinition definition, String name) {
        for (Device device : definition.devices()) {
            if (device instanceof Device.Interface nic) {
                Optional<String> mac = nic.mac();
                if (mac.filter(name::equalsIgnoreCase).isPresent() || nic.alias().filter(name::equals).isPresent()) {
                    return nic.alias().or(() -> mac).orElseThrow();
                }
            }
        }
        throw new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN,
                "invalid argument: invalid path, '" + name + "' is not a known interface");
    }

    private static DomainRecord requireActive(DomainRecord record) {
        if (!record.active()) {
            throw DomainTable.invalid("domain is not running");
        }
        return record;
    }
}
