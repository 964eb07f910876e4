package org.metalvirt.shim.dispatch;

/**
 * What a successful {@code CONNECT_OPEN} leaves on a session: the driver-side view of the
 * connection. The dispatcher only needs to know whether it may change state.
 */
public interface Connection {

    boolean readOnly();
}
