package org.metalvirt.shim.event;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainEvent;
import org.metalvirt.shim.network.NetworkEvent;
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

    /** The kinds of object a callback registration is for; each has its own event ids and callbacks. */
    enum Family {
        DOMAIN(EVENT_ID_LAST, "domain event callback"),
        NETWORK(NetworkEvent.ID_LAST, "network event callback"),
        STORAGE_POOL(PoolEvent.ID_LAST, "storage pool event callback");

        private final int idLast;
        private final String callback;

        Family(int idLast, String callback) {
            this.idLast = idLast;
            this.callback = callback;
        }
    }

    /** What a callback wants: one family's event id, of one object or of all. */
    private record Registration(Family family, int eventId, Optional<UUID> object) {
        boolean wants(Family from, int id, UUID uuid) {
            return family == from && eventId == id && object.map(uuid::equals).orElse(true);
        }
    }

    private final Session session;
    private final int maxQueued;
    private final Map<Integer, Registration> callbacks = new ConcurrentHashMap<>();
    private final Set<Integer> legacy = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextCallbackId;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean dropped = new AtomicBoolean();

    Subscriber(Session session, int maxQueued, AtomicInteger callbackIds) {
        this.session = session;
        this.maxQueued = maxQueued;
        this.nextCallbackId = callbackIds;
    }

    int register(int eventId, Optional<UUID> domain) {
        checkEventId(eventId);
        return register(Family.DOMAIN, eventId, domain);
    }

    int registerNetwork(int eventId, Optional<UUID> network) {
        if (eventId < 0 || eventId >= Family.NETWORK.idLast) {
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "unsupported network event ID " + eventId);
        }
        return register(Family.NETWORK, eventId, network);
    }

    int registerStoragePool(int eventId, Optional<UUID> pool) {
        if (eventId < 0 || eventId >= Family.STORAGE_POOL.idLast) {
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "unsupported storage pool event ID " + eventId);
        }
        return register(Family.STORAGE_POOL, eventId, pool);
    }

    private int register(Family family, int eventId, Optional<UUID> object) {
        int callbackId = nextCallbackId.getAndIncrement();
        callbacks.put(callbackId, new Registration(family, eventId, object));
        return callbackId;
    }

    void deregister(int callbackId) {
        deregister(Family.DOMAIN, callbackId);
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

    /** Legacy registrations are per event id and carry no callback id. */
    boolean registerLegacy(int eventId) {
        checkEventId(eventId);
        if (!EventPackets.legacySupports(eventId)) {
            throw new VirtException(
                    ErrorNumber.NO_SUPPORT,
                    ErrorDomain.RPC,
                    "event ID " + eventId
                            + " is only delivered to callback registrations (CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY)");
        }
        return legacy.add(eventId);
    }

    boolean deregisterLegacy(int eventId) {
        return legacy.remove(eventId);
    }

    private static void checkEventId(int eventId) {
        if (eventId < 0 || eventId >= EVENT_ID_LAST) {
            throw new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "unsupported event ID " + eventId);
        }
    }

    /** Queues the event for every registration that wants it. Called from one thread, in order. */
    void deliver(DomainEvent event) {
        deliver(Family.DOMAIN, event.eventId().code(), event.domain().uuid(), id -> EventPackets.callback(event, id));
        if (legacy.contains(event.eventId().code())) {
            EventPackets.legacy(event).ifPresent(this::send);
        }
    }

    /** Queues the event for every callback of its family that wants it. Called from one thread, in order. */
    void deliver(NetworkEvent event) {
        deliver(Family.NETWORK, NetworkEvent.ID_LIFECYCLE, event.uuid(), id -> EventPackets.network(event, id));
    }

    /** Queues the event for every callback of its family that wants it. Called from one thread, in order. */
    void deliver(PoolEvent event) {
        deliver(Family.STORAGE_POOL, event.eventId(), event.uuid(), id -> EventPackets.storagePool(event, id));
    }

    private void deliver(Family family, int eventId, UUID object, IntFunction<Packet> packet) {
        callbacks.forEach((callbackId, registration) -> {
            if (registration.wants(family, eventId, object)) {
                send(packet.apply(callbackId));
            }
        });
    }

    private void send(Packet packet) {
        if (dropped.get()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            if (dropped.compareAndSet(false, true)) {
                LOG.warn("disconnecting {}: {} events queued and not read", session, maxQueued);
                session.close();
            }
            return;
        }
        session.send(packet, queued::decrementAndGet);
    }
}
