package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_ALL_DOMAIN_STATS;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Connect.GetAllDomainStatsArgs;
import org.metalvirt.shim.protocol.Connect.GetAllDomainStatsRet;
import org.metalvirt.shim.protocol.Domain.StatsRecord;
import org.metalvirt.shim.protocol.LibvirtFlags.GetAllStats;
import org.metalvirt.shim.protocol.Types.RemoteDomain;

/**
 * {@code virConnectGetAllDomainStats} and {@code virDomainListGetStats} (one procedure): every
 * domain, or those named that still exist, kept by the list filters, each with the groups asked
 * for that a server can give ({@link DomainStatsGroups}).
 */
final class AllDomainStats {

    /** The filter bits, which are {@code virConnectListAllDomainsFlags}' own. */
    private static final int FILTERS = 0xff;

    private final DomainService domains;
    private final DomainStatsGroups groups;

    AllDomainStats(DomainService domains) {
        this.domains = domains;
        this.groups = new DomainStatsGroups(domains);
    }

    void bindTo(DriverTable table) {
        table.bind(CONNECT_GET_ALL_DOMAIN_STATS, (session, args) -> stats(args));
    }

    private GetAllDomainStatsRet stats(GetAllDomainStatsArgs args) {
        int wanted = DomainStatsGroups.groups(args.stats(), GetAllStats.ENFORCE_STATS.in(args.flags()));
        List<DomainRecord> chosen = args.doms().isEmpty() ? domains.list() : named(args.doms());
        List<StatsRecord> records = new ArrayList<>();
        for (DomainRecord record : chosen) {
            if (DomainFilter.matches(args.flags() & FILTERS, record)) {
                records.add(new StatsRecord(DomainProcedures.handle(record), groups.of(record, wanted)));
            }
        }
        return new GetAllDomainStatsRet(records);
    }

    /** The domains named, in the order named; one gone since the client listed it is skipped, as libvirt skips it. */
    private List<DomainRecord> named(List<RemoteDomain> handles) {
        List<DomainRecord> found = new ArrayList<>();
        for (RemoteDomain handle : handles) {
            lookup(handle).ifPresent(found::add);
        }
        return found;
    }

    private Optional<DomainRecord> lookup(RemoteDomain handle) {
        try {
            return Optional.of(domains.lookup(handle.uuid()));
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_DOMAIN) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
