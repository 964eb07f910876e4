package org.metalvirt.shim.dispatch;

import org.metalvirt.error.VirtException;

/**
 * Where a {@link StreamSource} sends. Safe from any thread; what is sent after the stream is over
 * is dropped.
 */
public interface StreamOutput {

    /** Sends data, in as many packets as libvirt's clients read at once. */
    void send(byte[] data);

    /** End of data; the client then finishes the stream. */
    void end();

    /** Fails the stream: the client gets the error, and the sink is aborted. */
    void fail(VirtException error);
}
