package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections one listening socket may hold, as libvirtd's {@code max_clients} and
 * {@code max_anonymous_clients}: at most {@code maxClients} at once, of which at most
 * {@code maxAnonymous} have not yet opened a connection (a client is anonymous until its
 * {@code CONNECT_OPEN}, which comes after any authentication). Unlike libvirtd's, the slots are
 * per socket, so idle clients on TCP cannot lock the administrator out of the Unix socket. As in
 * libvirtd, a full socket stops accepting: new clients wait in the kernel's backlog until a slot
 * frees (a client opens, closes or times out) rather than being refused. One accepted in the
 * same batch as the last slot is refused.
 */
public final class ClientSlots {

    private final int maxClients;
    private final int maxAnonymous;
    private final AtomicInteger clients = new AtomicInteger();
    private final AtomicInteger anonymous = new AtomicInteger();

    public ClientSlots(DispatchLimits limits) {
        this.maxClients = limits.maxClients();
        this.maxAnonymous = limits.maxAnonymousClients();
    }

    /** A slot for a new connection accepted on {@code listener}, or null when the socket is full. */
    Slot take(Channel listener) {
        if (clients.incrementAndGet() > maxClients) {
            clients.decrementAndGet();
            return null;
        }
        if (anonymous.incrementAndGet() > maxAnonymous) {
            anonymous.decrementAndGet();
            clients.decrementAndGet();
            return null;
        }
        if (listener != null && (clients.get() >= maxClients || anonymous.get() >= maxAnonymous)) {
            listener.config().setAutoRead(false);
        }
        return new Slot(listener);
    }

    private void freed(Channel listener) {
        if (listener != null && clients.get() < maxClients && anonymous.get() < maxAnonymous) {
            listener.config().setAutoRead(true);
        }
    }

    /** Connections held now. */
    public int clients() {
        return clients.get();
    }

    /** Connections held now that have not opened. */
    public int anonymous() {
        return anonymous.get();
    }

    /** One connection's slot; opening and closing may race, each counts once. */
    final class Slot {
        private final Channel listener;
        private final AtomicBoolean isAnonymous = new AtomicBoolean(true);
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Slot(Channel listener) {
            this.listener = listener;
        }

        boolean anonymous() {
            return isAnonymous.get();
        }

        void opened() {
            if (isAnonymous.compareAndSet(true, false)) {
                anonymous.decrementAndGet();
                freed(listener);
            }
        }

        void release() {
            if (held.compareAndSet(true, false)) {
                opened();
                clients.decrementAndGet();
                freed(listener);
            }
        }
    }
}
