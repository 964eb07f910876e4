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
 * AFFECT_CONFIG the persistent definition, AFFECT_CURRENT whichever the domain's state means
 * when the change holds its lock (the domain service decides it).
 */
final class DeviceProcedures {

    /** virDomainDeviceModifyFlags: AFFECT_LIVE, AFFECT_CONFIG and FORCE. */
    private static final int DEVICE_FLAGS = Flags.AFFECT_LIVE | Flags.AFFECT_CONFIG | 4;

    private final DomainService domains;

    DeviceProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        // The flagless calls are live-only, as libvirt's virDomainAttachDevice and DetachDevice are.
        table.bind(DOMAIN_ATTACH_DEVICE, (session, args) -> run(() ->
                        domains.attachDevice(args.dom().uuid(), args.xml(), Affect.LIVE)))
                .bind(DOMAIN_DETACH_DEVICE, (session, args) -> run(() ->
                        domains.detachDevice(args.dom().uuid(), args.xml(), Affect.LIVE)))
                .bind(DOMAIN_ATTACH_DEVICE_FLAGS, (session, args) -> run(() ->
                        domains.attachDevice(args.dom().uuid(), args.xml(), affect(args.flags()))))
                .bind(DOMAIN_DETACH_DEVICE_FLAGS, (session, args) -> run(() ->
                        domains.detachDevice(args.dom().uuid(), args.xml(), affect(args.flags()))))
                .bind(DOMAIN_DETACH_DEVICE_ALIAS, (session, args) -> run(() ->
                        domains.detachAlias(args.dom().uuid(), args.alias(), affect(args.flags()))))
                .bind(DOMAIN_UPDATE_DEVICE_FLAGS, (session, args) -> run(() ->
                        domains.updateDevice(args.dom().uuid(), args.xml(), affect(args.flags()))));
    }

    private static Affect affect(int flags) {
        Flags.require(flags, DEVICE_FLAGS);
        return Flags.affect(flags);
    }

    private static Void run(Runnable action) {
        action.run();
        return null;
    }
}
