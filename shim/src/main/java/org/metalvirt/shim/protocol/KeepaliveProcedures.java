package org.metalvirt.shim.protocol;

/** The KEEPALIVE program: two void MESSAGEs, answered by the transport, never dispatched. */
public final class KeepaliveProcedures {

    private KeepaliveProcedures() {}

    public static final int PING = 1;
    public static final int PONG = 2;
}
