package org.metalvirt.shim.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.domain.DomainEvent;
import org.metalvirt.shim.domain.DomainRef;
import org.metalvirt.shim.nodedev.NodeDeviceEvent;
import org.metalvirt.shim.protocol.Event;
import org.metalvirt.shim.protocol.NodeDevice;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.protocol.Types.RemoteNodeDevice;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/** Every kind of domain event is declared with the procedure it is sent as; node-device events carry libvirt's numbers. */
class EventPacketsTest {

    private static final DomainRef WEB =
            new DomainRef("web-1", UUID.fromString("11111111-2222-3333-4444-555555555555"), 7);
    private static final RemoteDomain WEB_HANDLE = new RemoteDomain(WEB.name(), WEB.uuid(), WEB.id());

    private static final List<DomainEvent> ONE_OF_EACH = List.of(
            new DomainEvent.Lifecycle(WEB, DomainEvent.Stopped.DESTROYED),
            new DomainEvent.Reboot(WEB),
            new DomainEvent.DeviceRemoved(WEB, "hostdev0"),
            new DomainEvent.DeviceAdded(WEB, "hostdev0"),
            new DomainEvent.DeviceRemovalFailed(WEB, "hostdev0"),
            new DomainEvent.IoError(WEB, "vol1", "virtio-disk1", DomainEvent.IoErrorAction.REPORT),
            new DomainEvent.IoErrorReason(WEB, "vol1", "virtio-disk1", DomainEvent.IoErrorAction.REPORT, "gone"));

    @Test
    void everyKindOfEventHasACallbackMessage() {
        Set<Class<?>> kinds =
                Arrays.stream(DomainEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertEquals(kinds, ONE_OF_EACH.stream().map(Object::getClass).collect(Collectors.toSet()));

        for (DomainEvent event : ONE_OF_EACH) {
            Packet packet = EventPackets.callback(event, 3);
            assertEquals(MessageType.MESSAGE, packet.header().type());
            assertTrue(RemoteProcedures.TABLE.get(packet.header().proc()).event(), event.toString());
        }
    }

    @Test
    void aLifecycleEventCarriesLibvirtsEventAndDetailNumbers() {
        Packet packet = EventPackets.callback(ONE_OF_EACH.get(0), 3);

        assertEquals(
                RemoteProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE.number(),
                packet.header().proc());
        assertEquals(
                new Event.CallbackLifecycleMsg(3, new Event.LifecycleMsg(WEB_HANDLE, 5, 1)),
                Xdr.decode(Event.CallbackLifecycleMsg.class, packet.payload()));
    }

    @Test
    void anIoErrorReasonCarriesTheDisksSourceAliasLibvirtsActionAndTheReason() {
        Packet packet = EventPackets.callback(ONE_OF_EACH.get(6), 3);

        assertEquals(
                RemoteProcedures.DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON.number(),
                packet.header().proc());
        assertEquals(
                new Event.CallbackIoErrorReasonMsg(
                        3, new Event.IoErrorReasonMsg(WEB_HANDLE, "vol1", "virtio-disk1", 2, "gone")),
                Xdr.decode(Event.CallbackIoErrorReasonMsg.class, packet.payload()));
    }

    @Test
    void lifecycleDeviceRemovedAndIoErrorEventsHaveALegacyMessage() {
        assertEquals(
                Optional.of(RemoteProcedures.DOMAIN_EVENT_DEVICE_REMOVED.number()),
                EventPackets.legacy(ONE_OF_EACH.get(2))
                        .map(packet -> packet.header().proc()));
        assertFalse(EventPackets.legacy(ONE_OF_EACH.get(1)).isPresent());
        assertTrue(EventPackets.legacySupports(DomainEvent.Id.LIFECYCLE.code()));
        assertTrue(EventPackets.legacySupports(DomainEvent.Id.DEVICE_REMOVED.code()));
        assertFalse(EventPackets.legacySupports(DomainEvent.Id.REBOOT.code()));
        assertEquals(
                Optional.of(RemoteProcedures.DOMAIN_EVENT_IO_ERROR.number()),
                EventPackets.legacy(ONE_OF_EACH.get(5))
                        .map(packet -> packet.header().proc()));
        assertTrue(EventPackets.legacySupports(DomainEvent.Id.IO_ERROR_REASON.code()));
    }

    @Test
    void nodeDeviceEventsCarryLibvirtsLifecycleNumbersAndTheDevicesName() {
        Packet deleted = EventPackets.nodeDevice(
                new NodeDeviceEvent.Lifecycle("pci_0000_5e_00_2", NodeDeviceEvent.Type.DELETED), 4);
        assertEquals(
                RemoteProcedures.NODE_DEVICE_EVENT_LIFECYCLE.number(),
                deleted.header().proc());
        assertEquals(MessageType.MESSAGE, deleted.header().type());
        assertEquals(
                new NodeDevice.EventLifecycleMsg(4, new RemoteNodeDevice("pci_0000_5e_00_2"), 1, 0),
                Xdr.decode(NodeDevice.EventLifecycleMsg.class, deleted.payload()));

        Packet update = EventPackets.nodeDevice(new NodeDeviceEvent.Update("pci_0000_5e_00_0"), 5);
        assertEquals(
                RemoteProcedures.NODE_DEVICE_EVENT_UPDATE.number(),
                update.header().proc());
        assertEquals(
                new NodeDevice.EventUpdateMsg(5, new RemoteNodeDevice("pci_0000_5e_00_0")),
                Xdr.decode(NodeDevice.EventUpdateMsg.class, update.payload()));
    }
}
