package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams open on one connection, each known by the procedure and serial of the call that
 * opened it, as libvirt's client and daemon know them. Used on the connection's I/O thread only.
 * Sinks run on the normal workers, so a sink that blocks holds one of them while it does.
 */
final class Streams {

    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

    private record Key(int procedure, int serial) {
        static Key of(Header header) {
            return new Key(header.proc(), header.serial());
        }
    }

    private final Map<Key, Stream> open = new HashMap<>();
    private final Channel channel;
    private final Executor worker;
    private final ReadPause pause;
    private boolean connectionClosed;

    Streams(Channel channel, Executor worker, ReadPause pause) {
        this.channel = channel;
        this.worker = worker;
        this.pause = pause;
    }

    /** Opens the stream of {@code call}, whose reply is already written, and starts its source. */
    void open(Header call, StreamEnds ends) {
        Key key = Key.of(call);
        Stream stream = new Stream(call, ends, channel, worker, pause, closed -> open.remove(key, closed));
        if (connectionClosed) {
            stream.abort();
            return;
        }
        if (open.putIfAbsent(key, stream) != null) {
            ClientWarnings.SHARED.warn(LOG, "a stream is already open for {}: the client reused its serial", call);
            stream.abort();
            return;
        }
        stream.start(channel.isWritable());
    }

    /**
     * Routes a client's STREAM packet to its stream. Packets for no open stream are dropped, as
     * libvirtd drops them: a client may still send after its stream ended, and that is no fault.
     * Holes are dropped too, since no procedure served here streams sparse data.
     */
    void receive(Packet packet) {
        Stream stream = open.get(Key.of(packet.header()));
        if (stream == null) {
            LOG.debug("dropping stream packet for no open stream: {}", packet.header());
        } else if (packet.header().type() == MessageType.STREAM_HOLE) {
            LOG.debug("dropping a hole: no stream here is sparse: {}", packet.header());
        } else {
            stream.receive(packet);
        }
    }

    /** The connection can take more output, or cannot: every source is resumed or paused. */
    void writabilityChanged(boolean writable) {
        for (Stream stream : open.values()) {
            if (writable) {
                stream.resume();
            } else {
                stream.pause();
            }
        }
    }

    void connectionClosed() {
        connectionClosed = true;
        for (Stream stream : List.copyOf(open.values())) {
            stream.abort();
        }
    }
}
