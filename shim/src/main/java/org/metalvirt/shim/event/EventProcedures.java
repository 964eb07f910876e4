package org.metalvirt.shim.event;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_DEREGISTER;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_DEREGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_REGISTER;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_REGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NETWORK_EVENT_DEREGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NETWORK_EVENT_REGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainEvent;
import org.metalvirt.shim.event.Subscriber.Family;
import org.metalvirt.shim.protocol.Connect;
import org.metalvirt.shim.protocol.Event;
import org.metalvirt.shim.protocol.Network;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.protocol.Types.RemoteNetwork;
import org.metalvirt.shim.protocol.Types.RemoteNodeDevice;

/**
 * Event registration. A registration naming an object receives only that object's events; the
 * object is checked to exist first, as libvirt does.
 */
public final class EventProcedures {

    private final EventBus bus;
    private final Consumer<RemoteDomain> requireDomain;
    private final Consumer<RemoteNetwork> requireNetwork;
    private final Consumer<RemoteNodeDevice> requireNodeDevice;

    /**
     * @param requireDomain     throws libvirt's "no domain" for a handle that names none
     * @param requireNetwork    throws libvirt's "no network" for a handle that names none
     * @param requireNodeDevice throws libvirt's "no node device" for a handle that names none
     */
    public EventProcedures(
            EventBus bus,
            Consumer<RemoteDomain> requireDomain,
            Consumer<RemoteNetwork> requireNetwork,
            Consumer<RemoteNodeDevice> requireNodeDevice) {
        this.bus = bus;
        this.requireDomain = requireDomain;
        this.requireNetwork = requireNetwork;
        this.requireNodeDevice = requireNodeDevice;
    }

    public void bindTo(DriverTable table) {
        table.bind(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (session, args) -> {
                    int callbackId = register(
                            session, Family.DOMAIN, args.eventID(), args.dom(), requireDomain, RemoteDomain::uuid);
                    return new Event.CallbackRegisterAnyRet(callbackId);
                })
                .bind(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (session, args) -> {
                    bus.of(session).deregister(Family.DOMAIN, args.callbackID());
                    return null;
                })
                .bind(CONNECT_DOMAIN_EVENT_REGISTER, (session, none) -> {
                    // The oldest path: lifecycle events only, and the answer says a callback is now registered.
                    bus.of(session).registerLegacy(DomainEvent.Id.LIFECYCLE.code());
                    return new Event.RegisterRet(1);
                })
                .bind(CONNECT_DOMAIN_EVENT_DEREGISTER, (session, none) -> {
                    bus.of(session).deregisterLegacy(DomainEvent.Id.LIFECYCLE.code());
                    return new Event.DeregisterRet(0);
                })
                .bind(CONNECT_DOMAIN_EVENT_REGISTER_ANY, (session, args) -> {
                    bus.of(session).registerLegacy(args.eventID());
                    return null;
                })
                .bind(CONNECT_DOMAIN_EVENT_DEREGISTER_ANY, (session, args) -> {
                    bus.of(session).deregisterLegacy(args.eventID());
                    return null;
                })
                .bind(CONNECT_NETWORK_EVENT_REGISTER_ANY, (session, args) -> {
                    int callbackId = register(
                            session, Family.NETWORK, args.eventID(), args.net(), requireNetwork, RemoteNetwork::uuid);
                    return new Network.Connect.NetworkEventRegisterAnyRet(callbackId);
                })
                .bind(CONNECT_NETWORK_EVENT_DEREGISTER_ANY, (session, args) -> {
                    bus.of(session).deregister(Family.NETWORK, args.callbackID());
                    return null;
                })
                .bind(CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY, (session, args) -> {
                    int callbackId = register(
                            session,
                            Family.NODE_DEVICE,
                            args.eventID(),
                            args.dev(),
                            requireNodeDevice,
                            RemoteNodeDevice::name);
                    return new Connect.NodeDeviceEventRegisterAnyRet(callbackId);
                })
                .bind(CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY, (session, args) -> {
                    bus.of(session).deregister(Family.NODE_DEVICE, args.callbackID());
                    return null;
                });
    }

    /** The object named, if any, must exist before the event id is checked, as in libvirtd; it is kept by its key. */
    private <H> int register(
            Session session, Family family, int eventId, Optional<H> object, Consumer<H> require, Function<H, ?> key) {
        object.ifPresent(require);
        return bus.of(session).register(family, eventId, object.map(key));
    }
}
