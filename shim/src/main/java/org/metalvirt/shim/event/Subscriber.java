package org.metalvirt.shim.event;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainEvent;
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

    private record Registration(int eventId, Optional<UUID> domain) {
        boolean wants(DomainEvent event) {
            return event.eventId().code() == eventId
                    && domain.map(uuid -> uuid.equals(event.domain().uuid())).orElse(true);
        }
    }

    /** A callback registration for another family's events, optionally for one object. */
    private record ObjectRegistration(EventFamily family, int eventId, Optional<UUID> object) {
        boolean wants(ObjectEvent event) {
            return event.family() == family
                    && event.eventId() == eventId
                    && object.map(uuid -> uuid.equals(event.object())).orElse(true);
        }
    }

    private final Session session;
    private final int maxQueued;
    private final Map<Integer, Registration> callbacks = new ConcurrentHashMap<>();
    private final Set<Integer> legacy = ConcurrentHashMap.newKeySet();
    private final Map<Integer, ObjectRegistration> objectCallbacks = new ConcurrentHashMap<>();
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
        int callbackId = nextCallbackId.getAndIncrement();
        callbacks.put(callbackId, new Registration(eventId, domain));
        return callbackId;
    }

    void deregister(int callbackId) {
        if (callbacks.remove(callbackId) == null) {
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "callback ID " + callbackId + " not registered");
        }
    }

    int registrations() {
        return callbacks.size() + legacy.size() + objectCallbacks.size();
    }

    /** A callback registration for a family's event id, for one object or all; ids are shared with domains'. */
    int register(EventFamily family, int eventId, Optional<UUID> object) {
        if (!family.knows(eventId)) {
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR,
                    ErrorDomain.RPC,
                    "unsupported " + family.noun() + " event ID " + eventId);
        }
        int callbackId = nextCallbackId.getAndIncrement();
        objectCallbacks.put(callbackId, new ObjectRegistration(family, eventId, object));
        return callbackId;
    }

    void deregister(EventFamily family, int callbackId) {
        ObjectRegistration registration = objectCallbacks.get(callbackId);
        if (registration == null
                || registration.family() != family
                || !objectCallbacks.remove(callbackId, registration)) {
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR,
                    ErrorDomain.RPC,
                    family.noun() + " event callback " + callbackId + " not registered");
        }
    }

    /** Queues the event for every registration of its family that wants it. Called from one thread, in order. */
    void deliver(ObjectEvent event) {
        objectCallbacks.forEach((callbackId, registration) -> {
            if (registration.wants(event)) {
                send(event.packet().apply(callbackId));
            }
        });
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
        callbacks.forEach((callbackId, registration) -> {
            if (registration.wants(event)) {
                send(EventPackets.callback(event, callbackId));
            }
        });
        if (legacy.contains(event.eventId().code())) {
            EventPackets.legacy(event).ifPresent(this::send);
        }
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
