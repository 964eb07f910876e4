package org.metalvirt.shim.remote;

import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.event.EventBus;
import org.metalvirt.shim.event.EventProcedures;
import org.metalvirt.shim.event.SecretEvents;
import org.metalvirt.shim.network.NetworkService;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.secret.SecretService;
import org.metalvirt.shim.security.SaslAuthenticator;
import org.metalvirt.shim.storage.StorageService;

/** Assembles the REMOTE program's driver table from each area's procedures. */
public final class RemoteDriver {

    private RemoteDriver() {}

    public static DriverTable table(
            Host host,
            DomainService domains,
            NetworkService networks,
            SecretService secrets,
            StorageService storage,
            EventBus events) {
        DriverTable table = new DriverTable(RemoteProcedures.TABLE);
        // What every client opens with is bound now; the other areas at their first call, the
        // domain's first (DriverTable.bindLater).
        new ConnectProcedures(host).bindTo(table);
        table.bindLater(later -> new DomainProcedures(domains).bindTo(later))
                .bindLater(later -> new NodeProcedures(host, domains).bindTo(later))
                .bindLater(later -> new CpuProcedures(host).bindTo(later))
                .bindLater(later -> new StatsProcedures(domains).bindTo(later))
                .bindLater(later -> new DeviceProcedures(domains).bindTo(later))
                .bindLater(later -> new AllDomainStats(domains).bindTo(later))
                .bindLater(later -> new VcpuProcedures(host, domains).bindTo(later))
                .bindLater(later -> new JobProcedures(domains).bindTo(later))
                .bindLater(later -> new DiskErrorProcedures(domains).bindTo(later))
                .bindLater(later -> new GuestProcedures(domains).bindTo(later))
                .bindLater(later -> new ConsoleProcedures(domains).bindTo(later))
                .bindLater(later -> new HostStatsProcedures(host).bindTo(later))
                .bindLater(later -> new NetworkProcedures(networks, domains).bindTo(later));
        NodeDevices devices = new NodeDevices(host, domains);
        table.bindLater(later -> new NodeDeviceProcedures(devices).bindTo(later))
                .bindLater(later -> new StorageProcedures(storage).bindTo(later))
                .bindLater(later -> new EventProcedures(
                                events,
                                dom -> domains.lookup(dom.uuid()),
                                net -> networks.lookup(net.uuid()),
                                dev -> devices.get(dev.name()),
                                pool -> storage.lookup(pool.uuid()))
                        .bindTo(later))
                .bindLater(later -> new SecretProcedures(secrets).bindTo(later))
                .bindLater(later -> new SecretEvents(events).bindTo(later, secret -> secrets.lookup(secret.uuid())));
        return table;
    }

    /** Binds the SASL steps to a table made by {@link #table}: listeners asking for SASL use them. */
    public static DriverTable withSasl(DriverTable table, SaslAuthenticator sasl) {
        new AuthProcedures(sasl).bindTo(table);
        return table;
    }
}
