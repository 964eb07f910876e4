package org.metalvirt.shim.protocol;

/** What the dispatcher checks or does for a procedure, once, before or after its handler. */
public enum Check {
    /** Changes state: refused on read-only connections with {@code VIR_ERR_OPERATION_DENIED}. */
    WRITE,
    /** May be called before {@code CONNECT_OPEN}: authentication and feature probes. */
    BEFORE_OPEN,
    /** May be called before the client has authenticated: the authentication steps themselves. */
    BEFORE_AUTH,
    /** The connection is closed once the reply has been written. */
    CLOSE_AFTER_REPLY
}
