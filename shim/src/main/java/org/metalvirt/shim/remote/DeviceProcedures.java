package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_ATTACH_DEVICE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_ATTACH_DEVICE_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_DETACH_DEVICE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_DETACH_DEVICE_ALIAS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_DETACH_DEVICE_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_UPDATE_DEVICE_FLAGS;

import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.Affect;
import org.metalvirt.shim.domain.DomainService;

/**
 * Hot-plug: disks become virtio-blk devices on the card, interfaces and host devices VFs. The
 * flags say where a change goes, as libvirt defines them: AFFECT_LIVE the running server,
 * AFFECT_CONFIG the persistent definition, AFFECT_CURRENT whichever the domain's state means.
 */
final class DeviceProcedures {

    private final DomainService domains;

    DeviceProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        new DomainBinder(table, domains)
                // The flagless calls are live-only, as libvirt's virDomainAttachDevice and DetachDevice are.
                .action(
                        DOMAIN_ATTACH_DEVICE,
                        (session, domain, args) -> domains.attachDevice(domain.uuid(), args.xml(), Affect.LIVE))
                .action(
                        DOMAIN_DETACH_DEVICE,
                        (session, domain, args) -> domains.detachDevice(domain.uuid(), args.xml(), Affect.LIVE))
                // AFFECT_CURRENT is resolved by the domain service, under the domain's lock.
                .action(
                        DOMAIN_ATTACH_DEVICE_FLAGS,
                        (session, domain, args) ->
                                domains.attachDevice(domain.uuid(), args.xml(), Flags.affect(args.flags())))
                .action(
                        DOMAIN_DETACH_DEVICE_FLAGS,
                        (session, domain, args) ->
                                domains.detachDevice(domain.uuid(), args.xml(), Flags.affect(args.flags())))
                .action(
                        DOMAIN_DETACH_DEVICE_ALIAS,
                        (session, domain, args) ->
                                domains.detachAlias(domain.uuid(), args.alias(), Flags.affect(args.flags())))
                .action(
                        DOMAIN_UPDATE_DEVICE_FLAGS,
                        (session, domain, args) ->
                                domains.updateDevice(domain.uuid(), args.xml(), Flags.affect(args.flags())));
    }
}
