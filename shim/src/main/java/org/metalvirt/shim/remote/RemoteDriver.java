package org.metalvirt.shim.remote;

import org.metalvirt.shim.dispatch.DriverTable;

/** Assembles the REMOTE program's driver table from each area's procedures. */
public final class RemoteDriver {

    private RemoteDriver() {
    }

    public static DriverTable table(Host host) {
        DriverTable table = new DriverTable();
        new ConnectProcedures(host).bindTo(table);
        new NodeProcedures(host).bindTo(table);
        new DomainProcedures().bindTo(table);
        return table;
    }
}
