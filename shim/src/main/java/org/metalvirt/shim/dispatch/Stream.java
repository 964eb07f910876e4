package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.Packet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open stream of a connection. The client's packets arrive on the I/O thread and wait in a
 * bounded queue, which one worker at a time hands to the sink in order; the source sends from its
 * own thread. A client's finish or abort is acknowledged with an empty OK, as libvirtd does, once
 * the sink has taken it.
 */
final class Stream implements StreamOutput {

    private static final Logger LOG = LoggerFactory.getLogger(Stream.class);

    /** libvirt's VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX: the most data libvirtd puts in one stream packet. */
    static final int CHUNK = 262120;

    /** Client packets a stream holds for its sink before the connection stops reading. */
    static final int INBOUND_LIMIT = 16;

    /**
     * Bytes a source may still send once paused, for what it had in hand; past them it is failed,
     * so that a source which ignores the pause cannot fill memory.
     */
    static final int PAUSED_SLACK = 4 * CHUNK;

    private static final byte[] EMPTY = new byte[0];

    /** What the client sent, as the sink is to take it. */
    private sealed interface Inbound permits Data, Finish, Abort {}

    private record Data(byte[] bytes) implements Inbound {}

    private record Finish() implements Inbound {}

    /** {@code answered}: the client asked for the abort and waits for its acknowledgement. */
    private record Abort(boolean answered) implements Inbound {}

    private final Header call;
    private final StreamEnds ends;
    private final Channel channel;
    private final Executor worker;
    private final ReadPause pause;
    private final Consumer<Stream> forget;
    private final Queue<Inbound> inbound = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean outputDone;
    private volatile boolean holdingReads;
    private volatile boolean paused;
    private final AtomicLong sentWhilePaused = new AtomicLong();

    /** @param forget removes this stream from its connection's registry, on the I/O thread */
    Stream(Header call, StreamEnds ends, Channel channel, Executor worker, ReadPause pause, Consumer<Stream> forget) {
        this.call = call;
        this.ends = ends;
        this.channel = channel;
        this.worker = worker;
        this.pause = pause;
        this.forget = forget;
    }

    /** Starts the source, paused if the connection cannot take more yet; on the I/O thread. */
    void start(boolean writable) {
        ends.source().start(this);
        if (!writable) {
            pause();
        }
    }

    /** The connection cannot take more: the source is paused; on the I/O thread. */
    void pause() {
        sentWhilePaused.set(0);
        paused = true;
        ends.source().pause();
    }

    void resume() {
        paused = false;
        ends.source().resume();
    }

    /** A STREAM packet from the client, on the I/O thread. */
    void receive(Packet packet) {
        switch (packet.header().status()) {
            case CONTINUE -> queue(new Data(packet.payload()));
            case OK -> close(new Finish());
            case ERROR -> close(new Abort(true));
        }
    }

    /** Ends the stream on the I/O thread: the source stops, the sink gets {@code last} after the rest. */
    private void close(Inbound last) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outputDone = true;
        forget.accept(this);
        ends.source().stop();
        // No more client data can come for this stream, so it no longer holds the connection back.
        holdingReads = false;
        pause.release(this);
        queue(last);
    }

    /** Aborts the stream with nobody waiting for an answer: the connection closed, or it never opened. */
    void abort() {
        close(new Abort(false));
    }

    private void queue(Inbound item) {
        inbound.add(item);
        // Netty's auto-read is per connection, so a slow stream pauses every call on it too;
        // libvirtd likewise stops reading a client whose stream queue is full.
        if (queued.incrementAndGet() >= INBOUND_LIMIT && !closed.get()) {
            holdingReads = true;
            pause.hold(this);
        }
        drain();
    }

    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::deliverQueued);
        } catch (RejectedExecutionException e) {
            draining.set(false);
            LOG.debug("{}: the daemon is shutting down, stream data not delivered", call);
        }
    }

    /** On a worker: hands every queued packet to the sink, in order. */
    private void deliverQueued() {
        Inbound item;
        while ((item = inbound.poll()) != null) {
            queued.decrementAndGet();
            deliver(item);
            if (holdingReads && queued.get() <= INBOUND_LIMIT / 2) {
                channel.eventLoop().execute(this::resumeReading);
            }
        }
        draining.set(false);
        if (!inbound.isEmpty()) {
            drain(); // a packet came between the last poll and the reset
        }
    }

    private void resumeReading() {
        if (holdingReads && queued.get() <= INBOUND_LIMIT / 2) {
            holdingReads = false;
            pause.release(this);
        }
    }

    private void deliver(Inbound item) {
        StreamSink sink = ends.sink();
        try {
            if (item instanceof Data data) {
                sink.write(data.bytes());
            } else if (item instanceof Finish) {
                sink.finish();
                write(MessageStatus.OK, EMPTY);
            } else if (item instanceof Abort abort) {
                sink.abort();
                if (abort.answered()) {
                    write(MessageStatus.OK, EMPTY);
                }
            }
        } catch (VirtException e) {
            failed(item, e);
        } catch (RuntimeException e) {
            LOG.error("{}: stream sink failed unexpectedly", call, e);
            failed(item, new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "stream failed: " + e));
        }
    }

    /** A write that fails fails the stream; a finish or abort that fails is answered with the error. */
    private void failed(Inbound item, VirtException e) {
        if (item instanceof Data) {
            fail(e);
        } else if (!(item instanceof Abort abort) || abort.answered()) {
            write(MessageStatus.ERROR, Dispatcher.remoteError(e));
        }
    }

    /** An empty array sends nothing: an empty packet would tell the client the data has ended. */
    @Override
    public void send(byte[] data) {
        if (paused && sentWhilePaused.addAndGet(data.length) > PAUSED_SLACK) {
            LOG.error("{}: the stream's source went on sending while paused; failing the stream", call);
            fail(new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "stream source ignored flow control"));
            return;
        }
        for (int from = 0; from < data.length && !outputDone; from += CHUNK) {
            write(MessageStatus.CONTINUE, Arrays.copyOfRange(data, from, Math.min(data.length, from + CHUNK)));
        }
    }

    @Override
    public void end() {
        if (!outputDone) {
            outputDone = true;
            write(MessageStatus.CONTINUE, EMPTY);
        }
    }

    @Override
    public void fail(VirtException error) {
        if (!outputDone) {
            outputDone = true;
            write(MessageStatus.ERROR, Dispatcher.remoteError(error));
            channel.eventLoop().execute(() -> close(new Abort(false)));
        }
    }

    private void write(MessageStatus status, byte[] payload) {
        channel.writeAndFlush(new Packet(call.stream(status), payload));
    }
}
