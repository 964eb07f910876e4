package org.metalvirt.shim.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainEvent;
import org.metalvirt.shim.domain.EventSink;
import org.metalvirt.shim.network.NetworkEvent;
import org.metalvirt.shim.storage.PoolEvent;

/**
 * Carries domain, network and storage pool events to the connections registered for them. One thread hands every event to
 * every subscriber in the order the events happened; handing off never waits for a client, so a
 * slow one delays nobody.
 */
public final class EventBus implements EventSink, AutoCloseable {

    private final Map<Session, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger callbackIds = new AtomicInteger();
    private final int maxQueued;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metalvirt-events");
        thread.setDaemon(true);
        return thread;
    });

    /** @param maxQueued events a connection may have unwritten before it is disconnected */
    public EventBus(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    @Override
    public void publish(DomainEvent event) {
        dispatcher.execute(() -> subscribers.values().forEach(subscriber -> subscriber.deliver(event)));
    }

    /** Network events go the same way, in the same order with domain events. */
    public void publish(NetworkEvent event) {
        dispatcher.execute(() -> subscribers.values().forEach(subscriber -> subscriber.deliver(event)));
    }

    /** Storage pool events too. */
    public void publish(PoolEvent event) {
        dispatcher.execute(() -> subscribers.values().forEach(subscriber -> subscriber.deliver(event)));
    }

    /** The registrations of a connection; they end with it. */
    Subscriber of(Session session) {
        return subscribers.computeIfAbsent(session, key -> {
            key.onClose(() -> subscribers.remove(key));
            return new Subscriber(key, maxQueued, callbackIds);
        });
    }

    /** Registrations held by all connections, for operators and tests. */
    public int registrations() {
        return subscribers.values().stream().mapToInt(Subscriber::registrations).sum();
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
    }
}
