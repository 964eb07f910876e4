package org.metalvirt.shim.event;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_DEREGISTER;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_DEREGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_REGISTER;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_DOMAIN_EVENT_REGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NETWORK_EVENT_DEREGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NETWORK_EVENT_REGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY;

import java.util.function.Consumer;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainEvent;
import org.metalvirt.shim.protocol.Connect;
import org.metalvirt.shim.protocol.Event;
import org.metalvirt.shim.protocol.Network;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.protocol.Types.RemoteNetwork;
import org.metalvirt.shim.protocol.Types.RemoteStoragePool;

/**
 * Event registration. A registration naming a domain receives only that domain's events; the
 * domain is checked to exist first, as libvirt does.
 */
public final class EventProcedures {

    private final EventBus bus;
    private final Consumer<RemoteDomain> requireDomain;
    private final Consumer<RemoteNetwork> requireNetwork;
    private final Consumer<RemoteStoragePool> requireStoragePool;

    /**
     * @param requireDomain  throws libvirt's "no domain" for a handle that names none
     * @param requireNetwork throws libvirt's "no network" for a handle that names none
     * @param requireStoragePool throws libvirt's "no storage pool" for a handle that names none
     */
    public EventProcedures(
            EventBus bus,
            Consumer<RemoteDomain> requireDomain,
            Consumer<RemoteNetwork> requireNetwork,
            Consumer<RemoteStoragePool> requireStoragePool) {
        this.bus = bus;
        this.requireDomain = requireDomain;
        this.requireNetwork = requireNetwork;
        this.requireStoragePool = requireStoragePool;
    }

    public void bindTo(DriverTable table) {
        table.bind(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (session, args) -> {
                    args.dom().ifPresent(requireDomain);
                    int callbackId =
                            bus.of(session).register(args.eventID(), args.dom().map(RemoteDomain::uuid));
                    return new Event.CallbackRegisterAnyRet(callbackId);
                })
                .bind(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (session, args) -> {
                    bus.of(session).deregister(args.callbackID());
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
                    args.net().ifPresent(requireNetwork);
                    int callbackId = bus.of(session)
                            .registerNetwork(args.eventID(), args.net().map(RemoteNetwork::uuid));
                    return new Network.Connect.NetworkEventRegisterAnyRet(callbackId);
                })
                .bind(CONNECT_NETWORK_EVENT_DEREGISTER_ANY, (session, args) -> {
                    bus.of(session).deregister(Subscriber.Family.NETWORK, args.callbackID());
                    return null;
                })
                .bind(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, (session, args) -> {
                    args.pool().ifPresent(requireStoragePool);
                    int callbackId = bus.of(session)
                            .registerStoragePool(args.eventID(), args.pool().map(RemoteStoragePool::uuid));
                    return new Connect.StoragePoolEventRegisterAnyRet(callbackId);
                })
                .bind(CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY, (session, args) -> {
                    bus.of(session).deregister(Subscriber.Family.STORAGE_POOL, args.callbackID());
                    return null;
                });
    }
}
