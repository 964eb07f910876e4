package org.metalvirt.shim.dispatch;

import java.util.Optional;
import org.metalvirt.shim.security.ServerTls;

/**
 * One listening socket's rules: how clients come in, whether they can only read, what
 * authentication they owe, and the TLS credentials of a TLS listener.
 */
public record Listener(Transport transport, boolean readOnlySocket, ListenerAuth auth, Optional<ServerTls> tls) {

    public Listener {
        if (tls.isPresent() != (transport == Transport.TLS)) {
            throw new IllegalArgumentException("a TLS listener, and only it, has TLS credentials");
        }
    }

    public static Listener plain(Transport transport, boolean readOnlySocket, ListenerAuth auth) {
        return new Listener(transport, readOnlySocket, auth, Optional.empty());
    }
}
