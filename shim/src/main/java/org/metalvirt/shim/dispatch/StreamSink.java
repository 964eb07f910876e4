package org.metalvirt.shim.dispatch;

/**
 * Takes what the client sends on a stream. Its methods are called in the order the packets came,
 * one at a time, on a worker thread, so they may block: while they do, the client's next packets
 * wait in the stream's bounded queue, and when it is full the connection stops reading.
 */
public interface StreamSink {

    /** Data from the client; libvirt never acknowledges it. */
    void write(byte[] data);

    /**
     * The client finished the stream; the acknowledgement is sent once this returns, or the
     * {@code VirtException} it throws is sent instead. Nothing follows.
     */
    void finish();

    /** The client aborted, the source failed or the connection closed. Nothing follows. */
    void abort();
}
