package org.metalvirt.shim.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.metalvirt.domainxml.Device;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.LiveXml;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Volumes failing under running servers, as the card finds them at each poll. A disk newly found
 * failed is a WARN line and libvirt's IO_ERROR and IO_ERROR_REASON events, told once until it
 * recovers; the action is always "report" (a card cannot pause a server: its OS gets the errors).
 * {@link #failing} is what domblkerror lists.
 */
final class DiskHealth {

    private static final Logger LOG = LoggerFactory.getLogger(DiskHealth.class);

    private final DomainTable table;
    private final EventSink events;
    /** Per node, the running domain and its disks already told failed, with why. */
    private final Map<String, Told> told = new ConcurrentHashMap<>();

    private record Told(UUID domain, Map<String, String> failed) {}

    DiskHealth(DomainTable table) {
        this.table = table;
        this.events = table.events();
    }

    /** Compares what the card finds now with what was told; never throws. */
    void check(String nodeName) {
        try {
            Optional<DomainRecord> active = table.activeOn(nodeName);
            if (active.isEmpty()) {
                told.remove(nodeName);
                return;
            }
            DomainRecord record = active.get();
            Map<String, String> failed = table.node(nodeName).storage().failures();
            Told before = told.get(nodeName);
            Map<String, String> known =
                    before == null || !before.domain().equals(record.uuid()) ? Map.of() : before.failed();
            failed.forEach((id, reason) -> {
                if (!reason.equals(known.get(id))) {
                    report(record, id, reason);
                }
            });
            known.keySet().stream()
                    .filter(id -> !failed.containsKey(id))
                    .forEach(id -> LOG.info("domain '{}': the volume of disk {} is back", record.name(), id));
            told.put(nodeName, new Told(record.uuid(), Map.copyOf(failed)));
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_SUPPORT) {
                LOG.debug("node {}: cannot check its disks: {}", nodeName, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("node {}: cannot check its disks", nodeName, e);
        }
    }

    private void report(DomainRecord record, String id, String reason) {
        DomainDefinition live = record.live().orElseThrow();
        Optional<Device.Disk> disk = disk(live, id);
        String source = disk.map(DiskHealth::source).orElse("");
        String alias = LiveXml.aliases(live).getOrDefault(id, "");
        LOG.warn(
                "domain '{}': disk {} ({}): its volume failed under the running server: {}",
                record.name(),
                disk.map(Device.Disk::target).orElse(id),
                source,
                reason);
        DomainRef ref = DomainRef.of(record);
        events.publish(new DomainEvent.IoError(ref, source, alias, DomainEvent.IoErrorAction.REPORT));
        events.publish(new DomainEvent.IoErrorReason(ref, source, alias, DomainEvent.IoErrorAction.REPORT, reason));
    }

    /** The targets of the running domain's disks whose volume fails now, in document order. */
    List<String> failing(DomainRecord record) {
        DomainDefinition live = DomainTable.requireActive(record).live().orElseThrow();
        Map<String, String> failed = table.node(record.node()).storage().failures();
        List<String> targets = new ArrayList<>();
        for (Device device : live.devices()) {
            if (device instanceof Device.Disk disk && failed.containsKey(id(disk))) {
                targets.add(disk.target());
            }
        }
        return targets;
    }

    /** A disk is the card's by its alias if it has one, else by its target, as the plan names it. */
    private static String id(Device.Disk disk) {
        return disk.alias().orElse(disk.target());
    }

    private static Optional<Device.Disk> disk(DomainDefinition definition, String id) {
        return definition.devices().stream()
                .filter(device -> device instanceof Device.Disk disk && id(disk).equals(id))
                .map(Device.Disk.class::cast)
                .findFirst();
    }

    /** What libvirt gives as the event's source path: the file or device, or the network volume's name. */
    private static String source(Device.Disk disk) {
        Device.DiskSource source = disk.source();
        if (source instanceof Device.DiskSource.File file) {
            return file.path();
        } else if (source instanceof Device.DiskSource.Block block) {
            return block.dev();
        } else if (source instanceof Device.DiskSource.Network network) {
            return network.name().orElse("");
        } else if (source instanceof Device.DiskSource.Volume volume) {
            return volume.pool() + "/" + volume.volume();
        }
        return "";
    }
}
