package org.metalvirt.shim.event;

import java.util.Optional;
import org.metalvirt.shim.domain.DomainEvent;
import org.metalvirt.shim.domain.DomainRef;
import org.metalvirt.shim.protocol.Event.CallbackDeviceMsg;
import org.metalvirt.shim.protocol.Event.CallbackDeviceRemovedMsg;
import org.metalvirt.shim.protocol.Event.CallbackLifecycleMsg;
import org.metalvirt.shim.protocol.Event.CallbackRebootMsg;
import org.metalvirt.shim.protocol.Event.DeviceRemovedMsg;
import org.metalvirt.shim.protocol.Event.LifecycleMsg;
import org.metalvirt.shim.protocol.Event.RebootMsg;
import org.metalvirt.shim.protocol.EventMessages;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/** Turns a domain event into the MESSAGE packet a registration asked for. */
final class EventPackets {

    /** libvirtd sends events with serial 1; clients ignore it. */
    private static final int SERIAL = 1;

    private EventPackets() {
    }

    /** The packet for a callback registration. */
    static Packet callback(DomainEvent event, int callbackId) {
        RemoteDomain dom = handle(event.domain());
        if (event instanceof DomainEvent.Lifecycle l) {
            return packet(EventMessages.DOMAIN_EVENT_CALLBACK_LIFECYCLE, CallbackLifecycleMsg.class,
                    new CallbackLifecycleMsg(callbackId, new LifecycleMsg(dom, l.event().code(), l.detail().code())));
        }
        if (event instanceof DomainEvent.Reboot) {
            return packet(EventMessages.DOMAIN_EVENT_CALLBACK_REBOOT, CallbackRebootMsg.class,
                    new CallbackRebootMsg(callbackId, new RebootMsg(dom)));
        }
        if (event instanceof DomainEvent.DeviceRemoved d) {
            return packet(EventMessages.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED, CallbackDeviceRemovedMsg.class,
                    new CallbackDeviceRemovedMsg(callbackId, new DeviceRemovedMsg(dom, d.alias())));
        }
        if (event instanceof DomainEvent.DeviceAdded a) {
            return packet(EventMessages.DOMAIN_EVENT_CALLBACK_DEVICE_ADDED, CallbackDeviceMsg.class,
                    new CallbackDeviceMsg(callbackId, dom, a.alias()));
        }
        DomainEvent.DeviceRemovalFailed f = (DomainEvent.DeviceRemovalFailed) event;
        return packet(EventMessages.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED, CallbackDeviceMsg.class,
                new CallbackDeviceMsg(callbackId, dom, f.alias()));
    }

    /** The packet for a legacy registration, which only lifecycle and device-removed events have. */
    static Optional<Packet> legacy(DomainEvent event) {
        RemoteDomain dom = handle(event.domain());
        if (event instanceof DomainEvent.Lifecycle l) {
            return Optional.of(packet(EventMessages.DOMAIN_EVENT_LIFECYCLE, LifecycleMsg.class,
                    new LifecycleMsg(dom, l.event().code(), l.detail().code())));
        }
        if (event instanceof DomainEvent.DeviceRemoved d) {
            return Optional.of(packet(EventMessages.DOMAIN_EVENT_DEVICE_REMOVED, DeviceRemovedMsg.class,
                    new DeviceRemovedMsg(dom, d.alias())));
        }
        return Optional.empty();
    }

    /** The event ids the legacy path can carry. */
    static boolean legacySupports(int eventId) {
        return eventId == 0 || eventId == 15;
    }

    private static RemoteDomain handle(DomainRef ref) {
        return new RemoteDomain(ref.name(), ref.uuid(), ref.id());
    }

    private static <T> Packet packet(int proc, Class<T> type, T payload) {
        Program remote = Program.REMOTE;
        return new Packet(new Header(remote.id(), remote.version(), proc, MessageType.MESSAGE, SERIAL, MessageStatus.OK),
                Xdr.encode(type, payload));
    }

}
