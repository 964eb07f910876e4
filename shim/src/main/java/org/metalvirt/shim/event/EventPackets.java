package org.metalvirt.shim.event;

import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_CALLBACK_DEVICE_ADDED;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_CALLBACK_IO_ERROR;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_CALLBACK_REBOOT;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_DEVICE_REMOVED;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_IO_ERROR;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_IO_ERROR_REASON;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_EVENT_LIFECYCLE;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_EVENT_LIFECYCLE;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_EVENT_LIFECYCLE;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_EVENT_UPDATE;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_EVENT_LIFECYCLE;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_EVENT_REFRESH;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.metalvirt.shim.domain.DomainEvent;
import org.metalvirt.shim.domain.DomainEvent.DeviceAdded;
import org.metalvirt.shim.domain.DomainEvent.DeviceRemovalFailed;
import org.metalvirt.shim.domain.DomainEvent.DeviceRemoved;
import org.metalvirt.shim.domain.DomainEvent.Id;
import org.metalvirt.shim.domain.DomainEvent.IoError;
import org.metalvirt.shim.domain.DomainEvent.IoErrorReason;
import org.metalvirt.shim.domain.DomainEvent.Lifecycle;
import org.metalvirt.shim.domain.DomainEvent.Reboot;
import org.metalvirt.shim.domain.DomainRef;
import org.metalvirt.shim.network.NetworkEvent;
import org.metalvirt.shim.nodedev.NodeDeviceEvent;
import org.metalvirt.shim.protocol.Event;
import org.metalvirt.shim.protocol.Network;
import org.metalvirt.shim.protocol.NodeDevice;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.protocol.StoragePool;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.protocol.Types.RemoteNetwork;
import org.metalvirt.shim.protocol.Types.RemoteNodeDevice;
import org.metalvirt.shim.protocol.Types.RemoteStoragePool;
import org.metalvirt.shim.storage.PoolEvent;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/**
 * Turns a domain event into the MESSAGE packet a registration asked for. Each kind of event is
 * declared once below with its event id, the procedure (and so the message record) a callback
 * registration receives it as, and the legacy procedure where libvirt has one.
 */
final class EventPackets {

    /** libvirtd sends events with serial 1; clients ignore it. */
    private static final int SERIAL = 1;

    private static final List<Route<?, ?, ?>> ROUTES = List.of(
            route(
                            Id.LIFECYCLE,
                            Lifecycle.class,
                            DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                            (id, dom, e) -> new Event.CallbackLifecycleMsg(id, lifecycle(dom, e)))
                    .legacy(DOMAIN_EVENT_LIFECYCLE, EventPackets::lifecycle),
            route(
                    Id.REBOOT,
                    Reboot.class,
                    DOMAIN_EVENT_CALLBACK_REBOOT,
                    (id, dom, e) -> new Event.CallbackRebootMsg(id, new Event.RebootMsg(dom))),
            route(
                            Id.DEVICE_REMOVED,
                            DeviceRemoved.class,
                            DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED,
                            (id, dom, e) -> new Event.CallbackDeviceRemovedMsg(id, removed(dom, e)))
                    .legacy(DOMAIN_EVENT_DEVICE_REMOVED, EventPackets::removed),
            route(
                    Id.DEVICE_ADDED,
                    DeviceAdded.class,
                    DOMAIN_EVENT_CALLBACK_DEVICE_ADDED,
                    (id, dom, e) -> new Event.CallbackDeviceAddedMsg(id, dom, e.alias())),
            route(
                    Id.DEVICE_REMOVAL_FAILED,
                    DeviceRemovalFailed.class,
                    DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED,
                    (id, dom, e) -> new Event.CallbackDeviceRemovalFailedMsg(id, dom, e.alias())),
            route(
                            Id.IO_ERROR,
                            IoError.class,
                            DOMAIN_EVENT_CALLBACK_IO_ERROR,
                            (id, dom, e) -> new Event.CallbackIoErrorMsg(id, ioError(dom, e)))
                    .legacy(DOMAIN_EVENT_IO_ERROR, EventPackets::ioError),
            route(
                            Id.IO_ERROR_REASON,
                            IoErrorReason.class,
                            DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON,
                            (id, dom, e) -> new Event.CallbackIoErrorReasonMsg(id, ioErrorReason(dom, e)))
                    .legacy(DOMAIN_EVENT_IO_ERROR_REASON, EventPackets::ioErrorReason));

    private static final Map<Class<?>, Route<?, ?, ?>> BY_KIND =
            ROUTES.stream().collect(Collectors.toUnmodifiableMap(Route::kind, Function.identity()));

    private EventPackets() {}

    /** Builds a callback registration's message from its callback id, the domain and the event. */
    @FunctionalInterface
    private interface CallbackMsg<E, M> {
        M build(int callbackId, RemoteDomain dom, E event);
    }

    private record Route<E extends DomainEvent, C, L>(
            Id id,
            Class<E> kind,
            Procedure<C, Void> callback,
            CallbackMsg<E, C> callbackMsg,
            Procedure<L, Void> legacy,
            BiFunction<RemoteDomain, E, L> legacyMsg) {

        <M> Route<E, C, M> legacy(Procedure<M, Void> procedure, BiFunction<RemoteDomain, E, M> msg) {
            return new Route<>(id, kind, callback, callbackMsg, procedure, msg);
        }

        Packet callback(DomainEvent event, int callbackId) {
            return packet(callback, callbackMsg.build(callbackId, handle(event.domain()), kind.cast(event)));
        }

        Optional<Packet> legacy(DomainEvent event) {
            return legacy == null
                    ? Optional.empty()
                    : Optional.of(packet(legacy, legacyMsg.apply(handle(event.domain()), kind.cast(event))));
        }
    }

    private static <E extends DomainEvent, C> Route<E, C, Void> route(
            Id id, Class<E> kind, Procedure<C, Void> callback, CallbackMsg<E, C> msg) {
        return new Route<>(id, kind, callback, msg, null, null);
    }

    /** The packet for a callback registration. */
    static Packet callback(DomainEvent event, int callbackId) {
        return routeOf(event).callback(event, callbackId);
    }

    /** The packet for a legacy registration, which only some events have. */
    static Optional<Packet> legacy(DomainEvent event) {
        return routeOf(event).legacy(event);
    }

    /** The event ids the legacy path can carry. */
    static boolean legacySupports(int eventId) {
        return ROUTES.stream().anyMatch(route -> route.id().code() == eventId && route.legacy() != null);
    }

    private static Route<?, ?, ?> routeOf(DomainEvent event) {
        Route<?, ?, ?> route = BY_KIND.get(event.getClass());
        if (route == null) {
            throw new IllegalStateException(
                    "no procedure declared for " + event.getClass().getSimpleName());
        }
        return route;
    }

    /** The packet for a network callback registration: its one event, lifecycle, detail always 0. */
    static Packet network(NetworkEvent event, int callbackId) {
        return packet(
                NETWORK_EVENT_LIFECYCLE,
                new Network.EventLifecycleMsg(
                        callbackId,
                        new RemoteNetwork(event.name(), event.uuid()),
                        event.type().code(),
                        0));
    }

    /** The packet for a node-device callback registration: lifecycle (detail always 0) or update. */
    static Packet nodeDevice(NodeDeviceEvent event, int callbackId) {
        RemoteNodeDevice dev = new RemoteNodeDevice(event.name());
        if (event instanceof NodeDeviceEvent.Lifecycle lifecycle) {
            return packet(
                    NODE_DEVICE_EVENT_LIFECYCLE,
                    new NodeDevice.EventLifecycleMsg(
                            callbackId, dev, lifecycle.type().code(), 0));
        }
        return packet(NODE_DEVICE_EVENT_UPDATE, new NodeDevice.EventUpdateMsg(callbackId, dev));
    }

    private static Event.LifecycleMsg lifecycle(RemoteDomain dom, Lifecycle event) {
        return new Event.LifecycleMsg(dom, event.event().code(), event.detail().code());
    }

    private static Event.IoErrorMsg ioError(RemoteDomain dom, IoError event) {
        return new Event.IoErrorMsg(
                dom, event.srcPath(), event.alias(), event.action().code());
    }

    private static Event.IoErrorReasonMsg ioErrorReason(RemoteDomain dom, IoErrorReason event) {
        return new Event.IoErrorReasonMsg(
                dom, event.srcPath(), event.alias(), event.action().code(), event.reason());
    }

    private static Event.DeviceRemovedMsg removed(RemoteDomain dom, DeviceRemoved event) {
        return new Event.DeviceRemovedMsg(dom, event.alias());
    }

    private static RemoteDomain handle(DomainRef ref) {
        return new RemoteDomain(ref.name(), ref.uuid(), ref.id());
    }

    /** The MESSAGE packet of an event procedure; events of every family are sent as these. */
    static <M> Packet packet(Procedure<M, Void> procedure, M payload) {
        Program remote = Program.REMOTE;
        return new Packet(
                new Header(
                        remote.id(),
                        remote.version(),
                        procedure.number(),
                        MessageType.MESSAGE,
                        SERIAL,
                        MessageStatus.OK),
                Xdr.encode(procedure.args(), payload));
    }

    /** The packet for a storage pool callback registration: lifecycle (detail always 0) or refresh. */
    static Packet storagePool(PoolEvent event, int callbackId) {
        RemoteStoragePool pool = new RemoteStoragePool(event.name(), event.uuid());
        return event.eventId() == PoolEvent.REFRESH
                ? packet(STORAGE_POOL_EVENT_REFRESH, new StoragePool.EventRefreshMsg(callbackId, pool))
                : packet(
                        STORAGE_POOL_EVENT_LIFECYCLE,
                        new StoragePool.EventLifecycleMsg(callbackId, pool, event.event(), 0));
    }
}
