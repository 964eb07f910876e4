package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_DISK_ERRORS;

import java.util.List;
import org.metalvirt.domainxml.Device;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Domain.DiskError;
import org.metalvirt.shim.protocol.Domain.GetDiskErrorsRet;

/**
 * {@code virDomainGetDiskErrors} ({@code virsh domblkerror}): the running server's disks whose
 * volume the card finds failed now, each an unspecified error (the card cannot tell a full volume
 * from a gone one). As libvirt: {@code maxerrors} 0 asks for the number of disks, more than 256 is
 * "maxerrors too large", a shut-off domain "domain is not running". Where the card cannot tell a
 * disk's health, libvirt's "not supported".
 */
final class DiskErrorProcedures {

    /** {@code VIR_DOMAIN_DISK_ERROR_UNSPEC}. */
    private static final int UNSPECIFIED = 1;

    private static final int MAX_ERRORS = 256;

    private final DomainService domains;

    DiskErrorProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        new DomainBinder(table, domains).query(DOMAIN_GET_DISK_ERRORS, (session, domain, args) -> {
            long max = Integer.toUnsignedLong(args.maxerrors());
            if (max > MAX_ERRORS) {
                throw new VirtException(
                        ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "internal error: maxerrors too large");
            }
            if (!domain.active()) {
                throw Failures.invalid(ErrorDomain.DOMAIN, "domain is not running");
            }
            List<String> failing = failing(domain);
            if (max == 0) {
                return new GetDiskErrorsRet(List.of(), disks(domain));
            }
            List<DiskError> errors = failing.stream()
                    .limit(max)
                    .map(target -> new DiskError(target, UNSPECIFIED))
                    .toList();
            return new GetDiskErrorsRet(errors, errors.size());
        });
    }

    private List<String> failing(DomainRecord domain) {
        try {
            return domains.failingDisks(domain.uuid());
        } catch (VirtException e) {
            if (e.number() == ErrorNumber.NO_SUPPORT) {
                throw DOMAIN_GET_DISK_ERRORS.notServed();
            }
            throw e;
        }
    }

    /** libvirt's count: every disk of the running definition. */
    private static int disks(DomainRecord domain) {
        return (int) domain.live().orElseThrow().devices().stream()
                .filter(Device.Disk.class::isInstance)
                .count();
    }
}
