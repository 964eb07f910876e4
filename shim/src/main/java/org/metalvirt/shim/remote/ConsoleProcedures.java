package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_OPEN_CHANNEL;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_OPEN_CONSOLE;

import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.dispatch.StreamEnds;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Domain.OpenConsoleArgs;
import org.metalvirt.shim.protocol.LibvirtFlags.OpenConsole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code virsh console}: the server's serial port as a stream, through whatever transport its
 * node has (IPMI SOL, the card's UART, a QEMU chardev). libvirt refuses consoles on read-only
 * connections, and so does the dispatcher. A server has no guest channels.
 */
final class ConsoleProcedures {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProcedures.class);

    private final DomainService domains;

    ConsoleProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        table.bindStream(DOMAIN_OPEN_CONSOLE, this::open);
        table.bindStream(DOMAIN_OPEN_CHANNEL, (session, args) -> {
            throw domains.channelError(args.dom().uuid(), args.name());
        });
    }

    private StreamEnds open(Session session, OpenConsoleArgs args) {
        DomainRecord domain = domains.lookup(args.dom().uuid());
        ConsoleStream stream = new ConsoleStream(domains, domain.uuid(), domain.name());
        try {
            stream.attach(
                    domains.openConsole(domain.uuid(), args.devName(), OpenConsole.FORCE.in(args.flags()), stream));
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_SUPPORT) {
                throw e;
            }
            LOG.debug("domain '{}' has no console transport: {}", domain.name(), e.getMessage());
            throw DOMAIN_OPEN_CONSOLE.notServed();
        }
        LOG.info("domain '{}': console opened", domain.name());
        return new StreamEnds(stream, stream);
    }
}
