package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_ALL_DOMAINS;

import java.util.List;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.protocol.Connect.ListAllDomainsArgs;
import org.metalvirt.shim.protocol.Connect.ListAllDomainsRet;
import org.metalvirt.shim.protocol.Types.RemoteDomain;

/** Domain listing and lookup. No domain can be defined yet, so every list is empty. */
final class DomainProcedures {

    void bindTo(DriverTable table) {
        table.bind(CONNECT_LIST_ALL_DOMAINS, (session, args) -> listAll(args));
    }

    /** The array is filled only when the client asked for results; the count is always set. */
    private static ListAllDomainsRet listAll(ListAllDomainsArgs args) {
        List<RemoteDomain> domains = List.of();
        return new ListAllDomainsRet(args.needResults() != 0 ? domains : List.of(), domains.size());
    }
}
