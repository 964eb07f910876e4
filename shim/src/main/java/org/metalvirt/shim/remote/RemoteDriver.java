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
        new ConnectProcedures(host).bindTo(table);
        new NodeProcedures(host, domains).bindTo(table);
        new CpuProcedures(host).bindTo(table);
        new DomainProcedures(domains).bindTo(table);
        new StatsProcedures(domains).bindTo(table);
        new DeviceProcedures(domains).bindTo(table);
        new AllDomainStats(domains).bindTo(table);
        new VcpuProcedures(host, domains).bindTo(table);
        new JobProcedures(domains).bindTo(table);
        new DiskErrorProcedures(domains).bindTo(table);
        new GuestProcedures(domains).bindTo(table);
        new ConsoleProcedures(domains).bindTo(table);
        new HostStatsProcedures(host).bindTo(table);
        new NetworkProcedures(networks, domains).bindTo(table);
        NodeDevices devices = new NodeDevices(host, domains);
        new NodeDeviceProcedures(devices).bindTo(table);
        new StorageProcedures(storage).bindTo(table);
        new EventProcedures(
                        events,
                        dom -> domains.lookup(dom.uuid()),
                        net -> networks.lookup(net.uuid()),
                        dev -> devices.get(dev.name()),
                        pool -> storage.lookup(pool.uuid()))
                .bindTo(table);
        new SecretProcedures(secrets).bindTo(table);
        new SecretEvents(events).bindTo(table, secret -> secrets.lookup(secret.uuid()));
        return table;
    }

    /** Binds the SASL steps to a table made by {@link #table}: listeners asking for SASL use them. */
    public static DriverTable withSasl(DriverTable table, SaslAuthenticator sasl) {
        new AuthProcedures(sasl).bindTo(table);
        return table;
    }
}
