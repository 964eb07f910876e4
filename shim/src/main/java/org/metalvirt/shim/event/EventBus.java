package org.metalvirt.shim.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.metalvirt.node.PowerState;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainEvent;
import org.metalvirt.shim.domain.EventSink;
import org.metalvirt.shim.event.Subscriber.Family;
import org.metalvirt.shim.metrics.Metrics;
import org.metalvirt.shim.network.NetworkEvent;
import org.metalvirt.shim.nodedev.NodeDeviceEvent;
import org.metalvirt.shim.storage.PoolEvent;
import org.metalvirt.shim.wire.Packet;

/**
 * Carries domain, network and node-device events to the connections registered for them. The
 * thread that publishes an event hands it to every subscriber's connection at once, one event at a
 * time, so they go out in the order they happened, with no thread between; handing off only queues
 * the packet on the connection, never waits for a client, so a slow one delays nobody.
 */
public final class EventBus implements EventSink, AutoCloseable {

    private final Map<Session, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger callbackIds = new AtomicInteger();
    private final int maxQueued;
    private final Metrics metrics;
    /** Held while one event is handed to every subscriber: the order events reach all connections in. */
    private final Object order = new Object();

    /** @param maxQueued events a connection may have unwritten before it is disconnected */
    public EventBus(int maxQueued) {
        this(maxQueued, Metrics.counting());
    }

    /** As above, counting what is queued and dropped, and the out-of-band power changes reported, in {@code metrics}. */
    public EventBus(int maxQueued, Metrics metrics) {
        this.maxQueued = maxQueued;
        this.metrics = metrics;
    }

    @Override
    public void publish(DomainEvent event) {
        synchronized (order) {
            subscribers.values().forEach(subscriber -> subscriber.deliver(event));
        }
    }

    @Override
    public void outOfBand(String node, PowerState power) {
        metrics.outOfBand(node, power);
    }

    /** Network events go the same way, in the same order with domain events. */
    public void publish(NetworkEvent event) {
        publish(Family.NETWORK, NetworkEvent.ID_LIFECYCLE, event.uuid(), id -> EventPackets.network(event, id));
    }

    /** Node-device events too; a registration naming a device wants those about that name. */
    public void publish(NodeDeviceEvent event) {
        publish(Family.NODE_DEVICE, event.eventId(), event.name(), id -> EventPackets.nodeDevice(event, id));
    }

    /** Storage pool events too. */
    public void publish(PoolEvent event) {
        publish(Family.STORAGE_POOL, event.eventId(), event.uuid(), id -> EventPackets.storagePool(event, id));
    }

    /** An event of any family, about {@code object}, sent as {@code packet} makes it for a callback id. */
    void publish(Family family, int eventId, Object object, IntFunction<Packet> packet) {
        synchronized (order) {
            subscribers.values().forEach(subscriber -> subscriber.deliver(family, eventId, object, packet));
        }
    }

    /** The registrations of a connection; they end with it. */
    Subscriber of(Session session) {
        return subscribers.computeIfAbsent(session, key -> {
            key.onClose(() -> subscribers.remove(key));
            return new Subscriber(key, maxQueued, callbackIds, metrics);
        });
    }

    /** Registrations held by all connections, for operators and tests. */
    public int registrations() {
        return subscribers.values().stream().mapToInt(Subscriber::registrations).sum();
    }

    @Override
    public void close() {
        // Nothing of its own runs: the connections' queues end with the connections.
    }
}
