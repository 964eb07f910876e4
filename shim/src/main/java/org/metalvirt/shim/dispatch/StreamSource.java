package org.metalvirt.shim.dispatch;

/**
 * Produces what the daemon sends on a stream, into the {@link StreamOutput} it is started with,
 * from its own thread. Every method here is called on the connection's I/O thread and must return
 * at once.
 */
public interface StreamSource {

    /** The reply is out: produce from now on. */
    void start(StreamOutput output);

    /**
     * The connection cannot take more now: stop sending until {@link #resume()}. Whatever is sent
     * meanwhile is queued in memory, so a source that ignores this can exhaust it.
     */
    void pause();

    void resume();

    /** The stream is over (finished, aborted, connection closed): stop for good. May come twice. */
    void stop();
}
