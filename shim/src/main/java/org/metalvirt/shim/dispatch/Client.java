package org.metalvirt.shim.dispatch;

import java.util.Optional;

/**
 * One connected client as libvirt's admin program shows it: an id unique within its server, when
 * it connected (seconds since the epoch), how, from where, and who it is on a Unix socket.
 */
public record Client(
        long id, long timestamp, Transport transport, String address, Optional<Peer> peer, Session session) {

    /** Closes the connection; the client sees it end, as with libvirt's client-disconnect. */
    public void disconnect() {
        session.close();
    }
}
