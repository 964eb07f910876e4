package org.metalvirt.shim.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.domainxml.Device;
import org.metalvirt.domainxml.LiveXml;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.ConsoleAccess;
import org.metalvirt.node.NodeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who holds each domain's console. As libvirt's character devices, a console has one client at a
 * time: another is refused unless it forces, and then the one it displaces loses the stream. A
 * server that powers off takes its console's client with it.
 */
final class DomainConsoles {

    private static final Logger LOG = LoggerFactory.getLogger(DomainConsoles.class);

    private record Holder(ConsoleClient client, ConsoleAccess.Session session) {}

    private final Map<UUID, Holder> holders = new HashMap<>();

    /**
     * Opens the console of an active domain for {@code client}; {@code devName} is an alias of its
     * {@code <serial>} or {@code <console>}, or empty for the first of them, as QEMU's driver
     * looks it up.
     */
    ConsoleAccess.Session open(
            DomainRecord record, NodeDriver node, Optional<String> devName, boolean force, ConsoleClient client) {
        DomainTable.requireActive(record);
        requireDevice(record, devName);
        Holder displaced;
        ConsoleAccess.Session session;
        synchronized (this) {
            displaced = holders.get(record.uuid());
            if (displaced != null && !force) {
                throw new VirtException(
                        ErrorNumber.OPERATION_FAILED,
                        ErrorDomain.QEMU,
                        "operation failed: Active console session exists for this domain");
            }
            if (displaced != null) {
                // The transport takes one client (a QEMU chardev, an SOL payload): let go first.
                holders.remove(record.uuid());
                displaced.client().takenOver();
                displaced.session().close();
                LOG.info("domain '{}': console taken over by another client", record.name());
            }
            session = node.console().open();
            holders.put(record.uuid(), new Holder(client, session));
        }
        return session;
    }

    /** The client is done (finished, aborted, disconnected): its transport is closed. */
    void release(UUID uuid, ConsoleClient client) {
        Holder holder;
        synchronized (this) {
            holder = holders.get(uuid);
            if (holder == null || holder.client() != client) {
                return;
            }
            holders.remove(uuid);
        }
        holder.session().close();
    }

    /** The domain stopped: its console's client gets the end of the data. */
    void stopped(UUID uuid) {
        Holder holder;
        synchronized (this) {
            holder = holders.remove(uuid);
        }
        if (holder != null) {
            holder.client().serverOff();
            // Called in the domain's job: letting go of a transport (an SOL deactivation) may take a while.
            Thread close = new Thread(holder.session()::close, "console-close");
            close.setDaemon(true);
            close.start();
        }
    }

    private static void requireDevice(DomainRecord record, Optional<String> devName) {
        List<Device.Chr> ports = record.definition().devices().stream()
                .filter(Device.Chr.class::isInstance)
                .map(Device.Chr.class::cast)
                .toList();
        boolean found = devName.isEmpty()
                ? !ports.isEmpty()
                : ports.stream()
                        .anyMatch(port ->
                                port.alias().orElse(LiveXml.SERIAL_ALIAS).equals(devName.get()));
        if (!found) {
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR,
                    ErrorDomain.QEMU,
                    "internal error: cannot find character device " + devName.orElse("<null>"));
        }
    }

    static VirtException noChannel(Optional<String> name) {
        return new VirtException(
                ErrorNumber.INTERNAL_ERROR,
                ErrorDomain.QEMU,
                "internal error: cannot find channel " + name.orElse("<null>"));
    }

    static VirtException notRunning() {
        return Failures.invalid(ErrorDomain.DOMAIN, "domain is not running");
    }
}
