package org.metalvirt.shim.remote;

import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.domain.DomainRecord;

/** vCPU counts as {@code virDomainGetVcpusFlags} reports them. */
final class Vcpus {
    private Vcpus() {
    }

    static int count(DomainRecord record, int flags) {
        Flags.require(flags, Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG | Flags.VCPU_MAXIMUM | Flags.VCPU_GUEST);
        if ((flags & Flags.VCPU_GUEST) != 0) {
            throw new VirtException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "Operation not supported: no guest agent runs on a bare-metal server for the daemon");
        }
        boolean config = Flags.readsConfig(flags, record);
        DomainDefinition definition = config ? record.inactiveDefinition() : record.definition();
        if (!config && !record.active()) {
            throw new VirtException(ErrorNumber.OPERATION_INVALID, ErrorDomain.DOMAIN,
                    "Requested operation is not valid: domain is not running");
        }
        return (flags & Flags.VCPU_MAXIMUM) != 0 ? definition.maxVcpus() : definition.vcpus();
    }
}
