package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_JOB_INFO;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_JOB_STATS;

import java.util.List;
import java.util.OptionalLong;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.Failures;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Domain.GetJobInfoRet;
import org.metalvirt.shim.protocol.Domain.GetJobStatsRet;
import org.metalvirt.shim.protocol.LibvirtFlags.JobStats;
import org.metalvirt.shim.protocol.Types.IntValue;
import org.metalvirt.shim.protocol.Types.TypedParam;
import org.metalvirt.shim.protocol.Types.ULLongValue;

/**
 * {@code virDomainGetJobInfo} and {@code virDomainGetJobStats}. QEMU reports only its async jobs
 * (migration, save, dump, backup, and a start); of a server's state changes, a power-on is the
 * start, shown as an unbounded job with its operation and elapsed time while the server powers
 * on. Every other change (shutdown, destroy, reboot, device changes) is a plain job in QEMU,
 * never reported: no job. Completed jobs are not kept, there being no migration to report.
 */
final class JobProcedures {

    /** {@code virDomainJobType}. */
    private static final int JOB_NONE = 0;

    private static final int JOB_UNBOUNDED = 2;

    /** {@code VIR_DOMAIN_JOB_OPERATION_START}. */
    private static final int OPERATION_START = 1;

    private final DomainService domains;

    JobProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        new DomainBinder(table, domains)
                .query(DOMAIN_GET_JOB_INFO, (session, domain, args) -> {
                    OptionalLong powerOn = powerOn(domain);
                    return powerOn.isEmpty()
                            ? new GetJobInfoRet(JOB_NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                            : new GetJobInfoRet(JOB_UNBOUNDED, powerOn.getAsLong(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                })
                .query(DOMAIN_GET_JOB_STATS, (session, domain, args) -> {
                    if (JobStats.COMPLETED.in(args.flags())) {
                        return new GetJobStatsRet(JOB_NONE, List.of());
                    }
                    OptionalLong powerOn = powerOn(domain);
                    return powerOn.isEmpty()
                            ? new GetJobStatsRet(JOB_NONE, List.of())
                            : new GetJobStatsRet(
                                    JOB_UNBOUNDED,
                                    List.of(
                                            new TypedParam("operation", new IntValue(OPERATION_START)),
                                            new TypedParam("time_elapsed", new ULLongValue(powerOn.getAsLong()))));
                });
    }

    /** As QEMU asks first: a job is only looked for on an active domain. */
    private OptionalLong powerOn(DomainRecord domain) {
        if (!domain.active()) {
            throw Failures.invalid(ErrorDomain.DOMAIN, "domain is not running");
        }
        return domains.powerOnMillis(domain.uuid());
    }
}
