package org.metalvirt.shim.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.domainxml.Device;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DeviceCounters;

/**
 * The counters of a running domain's devices, named as clients name them: a disk by its target
 * ({@code vda}) or alias, an interface by its MAC or alias. The card counts, when it can.
 */
final class DomainStatistics {

    private final DomainTable table;

    DomainStatistics(DomainTable table) {
        this.table = table;
    }

    DeviceCounters.Block block(UUID uuid, String path) {
        DomainRecord record = table.objects().get(uuid);
        return counters(record).block(diskId(DomainTable.requireActive(record).definition(), path));
    }

    DeviceCounters.Size size(UUID uuid, String path) {
        DomainRecord record = table.objects().get(uuid);
        return counters(record).size(diskId(DomainTable.requireActive(record).definition(), path));
    }

    DeviceCounters.Interface network(UUID uuid, String device) {
        DomainRecord record = table.objects().get(uuid);
        return counters(record)
                .network(interfaceId(DomainTable.requireActive(record).definition(), device));
    }

    /** The addresses the card's neighbour table holds for a MAC of the running domain's server. */
    List<String> neighbours(UUID uuid, String mac) {
        DomainRecord record = DomainTable.requireActive(table.objects().get(uuid));
        return table.node(record.node()).network().neighbours(mac);
    }

    private DeviceCounters counters(DomainRecord record) {
        return table.node(record.node()).counters();
    }

    /** A disk is the card's by its alias if it has one, else by its target. */
    private static String diskId(DomainDefinition definition, String path) {
        for (Device device : definition.devices()) {
            if (device instanceof Device.Disk disk
                    && (disk.target().equals(path)
                            || disk.alias().filter(path::equals).isPresent())) {
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
                if (mac.filter(name::equalsIgnoreCase).isPresent()
                        || nic.alias().filter(name::equals).isPresent()) {
                    return nic.alias().or(() -> mac).orElseThrow();
                }
            }
        }
        throw new VirtException(
                ErrorNumber.INVALID_ARG,
                ErrorDomain.DOMAIN,
                "invalid argument: invalid path, '" + name + "' is not a known interface");
    }
}
