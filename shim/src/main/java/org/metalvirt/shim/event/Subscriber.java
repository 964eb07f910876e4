package org.metalvirt.shim.event;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainEvent;
import org.metalvirt.shim.metrics.Metrics;
import org.metalvirt.shim.network.NetworkEvent;
import org.metalvirt.shim.nodedev.NodeDeviceEvent;
import org.metalvirt.shim.secret.SecretEvent;
import org.metalvirt.shim.storage.PoolEvent;
import org.metalvirt.shim.wire.Packet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's event registrations and its queue of events not yet written. The queue is
 * bounded: a client that cannot keep up is disconnected rather than let it hold memory, and
 * nobody else ever waits for it.
 */
final class Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);

    /** libvirt's VIR_DOMAIN_EVENT_ID_LAST: one past the last event id. */
    static final int EVENT_ID_LAST = DomainEvent.Id.values().length;

    /**
     * Registrations one connection may hold. libvirt has no such bound; every distinct one costs a
     * packet per event, so a client gets enough for every event id of every object it could watch
     * in practice, and no more.
     */
    static final int MAX_CALLBACKS = 4096;

    /**
     * The kinds of object a callback registration is for; each has its own event ids, callback ids
     * and register and deregister calls, and names itself in libvirtd's errors. A family is added
     * here, with a publish method on {@link EventBus} and its packets in {@link EventPackets}.
     */
    enum Family {
        DOMAIN(EVENT_ID_LAST, "event ID", "domain event callback"),
        NETWORK(NetworkEvent.ID_LAST, "network event ID", "network event callback"),
        NODE_DEVICE(NodeDeviceEvent.ID_LAST, "node device event ID", "node device event callback"),
        SECRET(SecretEvent.Id.values().length, "secret event ID", "secret event callback"),
        STORAGE_POOL(PoolEvent.ID_LAST, "storage pool event ID", "storage pool event callback");

        private final int idLast;
        private final String eventId;
        private final String callback;

        Family(int idLast, String eventId, String callback) {
            this.idLast = idLast;
            this.eventId = eventId;
            this.callback = callback;
        }

        /** libvirtd's refusal of an event id the family does not have. */
        void check(int id) {
            if (id < 0 || id >= idLast) {
                throw new VirtException(
                        ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "unsupported " + eventId + " " + id);
            }
        }
    }

    /** What a callback wants: one family's event id, of one object (by UUID, or a node device's name) or of all. */
    private record Registration(Family family, int eventId, Optional<?> object) {
        boolean wants(Family from, int id, Object key) {
            return family == from && eventId == id && object.map(key::equals).orElse(true);
        }
    }

    private final Session session;
    private final int maxQueued;
    private final Map<Integer, Registration> callbacks = new ConcurrentHashMap<>();
    private final Set<Integer> legacy = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextCallbackId;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final Metrics metrics;

    Subscriber(Session session, int maxQueued, AtomicInteger callbackIds, Metrics metrics) {
        this.metrics = metrics;
        this.session = session;
        this.maxQueued = maxQueued;
        this.nextCallbackId = callbackIds;
    }

    /**
     * Registers a callback for one event id of a family, about {@code object} only if given. The same
     * registration twice is refused, as libvirt's event state refuses it, so a client cannot make the
     * daemon send every event many times; and the rest are bounded by {@link #MAX_CALLBACKS}.
     */
    synchronized int register(Family family, int eventId, Optional<?> object) {
        family.check(eventId);
        Registration registration = new Registration(family, eventId, object);
        if (tracked(registration)) {
            throw alreadyTracked();
        }
        bounded();
        int callbackId = nextCallbackId.getAndIncrement();
        callbacks.put(callbackId, registration);
        return callbackId;
    }

    /**
     * libvirtd relays a legacy and a callback registration of the same domain event through the
     * same function, so either one makes the other a duplicate.
     */
    private boolean tracked(Registration registration) {
        return callbacks.containsValue(registration)
                || (registration.family() == Family.DOMAIN
                        && registration.object().isEmpty()
                        && legacy.contains(registration.eventId()));
    }

    private static VirtException alreadyTracked() {
        return new VirtException(
                ErrorNumber.INVALID_ARG, ErrorDomain.NONE, "invalid argument: event callback already tracked");
    }

    private void bounded() {
        if (registrations() >= MAX_CALLBACKS) {
            throw new VirtException(
                    ErrorNumber.OPERATION_FAILED,
                    ErrorDomain.RPC,
                    "too many event callbacks on this connection: at most " + MAX_CALLBACKS);
        }
    }

    /** A callback id is deregistered through its own family's call, as libvirtd keeps one list per family. */
    void deregister(Family family, int callbackId) {
        Registration registration = callbacks.get(callbackId);
        if (registration == null || registration.family() != family || !callbacks.remove(callbackId, registration)) {
            throw notRegistered(family, callbackId);
        }
    }

    private static VirtException notRegistered(Family family, int callbackId) {
        return new VirtException(
                ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, family.callback + " " + callbackId + " not registered");
    }

    int registrations() {
        return callbacks.size() + legacy.size();
    }

    /** Legacy registrations are per event id and carry no callback id; a second one is a duplicate. */
    synchronized void registerLegacy(int eventId) {
        Family.DOMAIN.check(eventId);
        if (!EventPackets.legacySupports(eventId)) {
            throw new VirtException(
                    ErrorNumber.NO_SUPPORT,
                    ErrorDomain.RPC,
                    "event ID " + eventId
                            + " is only delivered to callback registrations (CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY)");
        }
        if (tracked(new Registration(Family.DOMAIN, eventId, Optional.empty()))) {
            throw alreadyTracked();
        }
        bounded();
        legacy.add(eventId);
    }

    boolean deregisterLegacy(int eventId) {
        return legacy.remove(eventId);
    }

    /** Queues the event for every registration that wants it. Called one event at a time, in order. */
    void deliver(DomainEvent event) {
        deliver(Family.DOMAIN, event.eventId().code(), event.domain().uuid(), id -> EventPackets.callback(event, id));
        if (legacy.contains(event.eventId().code())) {
            EventPackets.legacy(event).ifPresent(this::send);
        }
    }

    /** Queues an event of {@code family} about {@code object} for every callback that wants it. Called one event at a time. */
    void deliver(Family family, int eventId, Object object, IntFunction<Packet> packet) {
        callbacks.forEach((callbackId, registration) -> {
            if (registration.wants(family, eventId, object)) {
                send(packet.apply(callbackId));
            }
        });
    }

    private void send(Packet packet) {
        if (dropped.get()) {
            metrics.eventDropped();
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            metrics.eventDropped();
            if (dropped.compareAndSet(false, true)) {
                LOG.warn("disconnecting {}: {} events queued and not read", session, maxQueued);
                session.close();
            }
            return;
        }
        metrics.eventQueued();
        session.send(packet, queued::decrementAndGet);
    }
}
