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
     * The connection cannot take more now: stop sending until {@link #resume()}. What is sent
     * meanwhile is queued in memory; past four packets' worth (about a megabyte) the stream is failed.
     */
    void pause();

    void resume();

    /**
     * The stream is over (finished, aborted, connection closed): stop for good. May come more than
     * once, and without {@link #start} when the connection closed before the stream could open.
     */
    void stop();
}
