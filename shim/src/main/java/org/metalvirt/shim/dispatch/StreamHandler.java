package org.metalvirt.shim.dispatch;

/**
 * The body of a procedure that opens a stream, as {@code DOMAIN_OPEN_CONSOLE} does: arguments
 * in, the stream's two ends out, or a {@code VirtException} (an error reply, and no stream). The
 * reply carries no data; it is sent before any packet of the stream. Runs on a worker thread.
 */
@FunctionalInterface
public interface StreamHandler<A> {

    StreamEnds open(Session session, A args);
}
