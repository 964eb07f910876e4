package org.metalvirt.shim.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Metalvirt;
import org.metalvirt.shim.protocol.Metalvirt.NodePowerFlag;
import org.metalvirt.shim.protocol.Metalvirt.PowerAction;
import org.metalvirt.shim.protocol.MetalvirtProcedures;
import org.metalvirt.shim.remote.MetalvirtVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * metalvirt's own operator program: the daemon's status, its nodes, a node's read-only self-test,
 * maintenance power on a node no domain is using, and the log level. Served on the admin socket
 * beside libvirt's admin program, whose {@code CONNECT_OPEN} a client calls first.
 */
public final class MetalvirtDriver {

    private static final Logger LOG = LoggerFactory.getLogger(MetalvirtDriver.class);

    private MetalvirtDriver() {}

    /**
     * @param domains   the domain service, read when a call comes (it opens after the tables are built)
     * @param lastPoll  when the daemon's power poll last ran, milliseconds since the epoch
     */
    public static DriverTable table(
            List<NodeDriver> nodes,
            Map<String, String> backends,
            Supplier<DomainService> domains,
            LongSupplier lastPoll,
            AdminServers servers,
            LogSettings log,
            long startedMillis) {
        NodeReports reports = new NodeReports(nodes, backends, domains, lastPoll);
        return new DriverTable(MetalvirtProcedures.TABLE)
                .bind(MetalvirtProcedures.STATUS, (session, args) -> {
                    List<DomainRecord> all = domains.get().list();
                    long now = System.currentTimeMillis();
                    return new Metalvirt.StatusRet(
                            MetalvirtVersion.text(),
                            startedMillis,
                            (now - startedMillis) / 1000,
                            reports.count(),
                            all.size(),
                            (int) all.stream().filter(DomainRecord::active).count(),
                            servers.libvirtd().clients().limits().current());
                })
                // NODE_LIST is a low-priority call: it runs on an admin worker, never on a Netty I/O
                // thread, and waits there while the poll's bounded threads read the nodes.
                .bind(MetalvirtProcedures.NODE_LIST, (session, args) -> new Metalvirt.NodeListRet(reports.list()))
                .bind(MetalvirtProcedures.NODE_SHOW, (session, args) -> {
                    NodeDriver node = reports.node(args.name());
                    return new Metalvirt.NodeShowRet(reports.summary(node), reports.inventory(node));
                })
                .bind(
                        MetalvirtProcedures.NODE_CHECK,
                        (session, args) -> new Metalvirt.NodeCheckRet(reports.check(reports.node(args.name()))))
                .bind(MetalvirtProcedures.NODE_POWER, (session, args) -> {
                    power(reports, domains.get(), args);
                    return null;
                })
                .bind(MetalvirtProcedures.LOG_SET_LEVEL, (session, args) -> {
                    log.setLevel(args.logger(), args.level());
                    LOG.info("log level of {} set to {}", args.logger().orElse("the daemon"), args.level());
                    return null;
                });
    }

    /** Maintenance power, through the domain service, which holds the node's domain still meanwhile. */
    private static void power(NodeReports reports, DomainService domains, Metalvirt.NodePowerArgs args) {
        NodeDriver node = reports.node(args.name());
        PowerAction[] actions = PowerAction.values();
        if (args.action() < 0 || args.action() >= actions.length) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.NONE,
                    "invalid argument: unknown power action " + args.action());
        }
        PowerAction action = actions[args.action()];
        boolean force = NodePowerFlag.FORCE.in(args.flags());
        domains.maintenancePower(
                node.name(),
                power -> {
                    switch (action) {
                        case ON -> power.powerOn();
                        case OFF -> power.powerOff();
                        case RESET -> power.reset();
                        default -> throw new IllegalStateException(action.name());
                    }
                },
                force);
        LOG.info(
                "node {}: maintenance power {}{}",
                node.name(),
                action.name().toLowerCase(Locale.ROOT),
                force ? ", forced" : "");
    }
}
