package org.metalvirt.shim.dispatch;

/**
 * The body of one procedure: arguments in, reply out, or a {@code VirtException}. Runs on a
 * worker thread, never on a Netty I/O thread, so it may wait on hardware.
 */
@FunctionalInterface
public interface Handler<A, R> {

    R handle(Session session, A args);
}
