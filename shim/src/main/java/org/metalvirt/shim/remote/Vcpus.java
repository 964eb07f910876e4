package org.metalvirt.shim.remote;

import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.protocol.LibvirtFlags.Impact;
import org.metalvirt.shim.protocol.LibvirtFlags.Vcpu;

/** vCPU counts as {@code virDomainGetVcpusFlags} reports them. */
final class Vcpus {

    /** What {@code virDomainGetMaxVcpus} asks for. */
    static final int LIVE_MAXIMUM = Impact.AFFECT_LIVE.code() | Vcpu.MAXIMUM.code();

    private Vcpus() {}

    static int count(DomainRecord record, int flags) {
        if (Vcpu.GUEST.in(flags)) {
            throw new VirtException(
                    ErrorNumber.OPERATION_UNSUPPORTED,
                    ErrorDomain.DOMAIN,
                    "Operation not supported: no guest agent runs on a bare-metal server for the daemon");
        }
        boolean config = Flags.readsConfig(flags, record);
        DomainDefinition definition = config ? record.inactiveDefinition() : record.definition();
        if (!config && !record.active()) {
            throw new VirtException(
                    ErrorNumber.OPERATION_INVALID,
                    ErrorDomain.DOMAIN,
                    "Requested operation is not valid: domain is not running");
        }
        return Vcpu.MAXIMUM.in(flags) ? definition.maxVcpus() : definition.vcpus();
    }
}
