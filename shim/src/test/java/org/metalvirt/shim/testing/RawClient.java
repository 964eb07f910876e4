package org.metalvirt.shim.testing;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/**
 * A bare protocol client for load tests, where a hundred libvirt processes would measure the
 * machine rather than the daemon: calls one at a time, and reads event MESSAGEs as they come.
 */
public final class RawClient implements AutoCloseable {

    private final Closeable socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int serial;

    private RawClient(Socket socket) throws IOException {
        this(socket, socket.getInputStream(), socket.getOutputStream());
    }

    private RawClient(Closeable socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.out = out;
        this.in = new DataInputStream(new BufferedInputStream(in));
    }

    /** Connects to a Unix socket and opens {@code qemu:///system} with {@code openFlags} (1: read-only). */
    public static RawClient openUnix(Path path, int openFlags) {
        try {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
            RawClient client =
                    new RawClient(channel, Channels.newInputStream(channel), Channels.newOutputStream(channel));
            client.call(RemoteProcedures.CONNECT_OPEN, new OpenArgs(Optional.of("qemu:///system"), openFlags));
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects and opens {@code qemu:///system}; a receive buffer of {@code receiveBuffer} bytes if positive. */
    public static RawClient open(int port, int receiveBuffer) {
        return open(port, receiveBuffer, 0);
    }

    /** Connects without opening anything, for calls made before authentication. */
    public static RawClient connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
            socket.setSoTimeout(60_000);
            return new RawClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects and opens {@code qemu:///system} read-only, as {@code virsh -r} does. */
    public static RawClient openReadOnly(int port) {
        return open(port, 0, 1);
    }

    private static RawClient open(int port, int receiveBuffer, int openFlags) {
        try {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
            socket.setSoTimeout(60_000);
            RawClient client = new RawClient(socket);
            client.call(RemoteProcedures.CONNECT_OPEN, new OpenArgs(Optional.of("qemu:///system"), openFlags));
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <A, R> R call(Procedure<A, R> procedure, A args) {
        try {
            int mine = serial++;
            out.write(Wire.bytes(Wire.call(procedure, mine, args)));
            Packet reply;
            do {
                reply = read();
            } while (reply.header().type() != MessageType.REPLY
                    || reply.header().serial() != mine);
            if (reply.header().status() != MessageStatus.OK) {
                throw new AssertionError(procedure + " failed: " + Xdr.decode(RemoteError.class, reply.payload()));
            }
            return Xdr.decode(procedure.ret(), reply.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Calls procedure {@code number} of the REMOTE program with a payload of its own, whatever the
     * table declares: the error it is answered with, or null for a success.
     */
    public RemoteError callRaw(int number, byte[] payload) {
        try {
            int mine = serial++;
            Header header = new Header(
                    Program.REMOTE.id(), Program.REMOTE.version(), number, MessageType.CALL, mine, MessageStatus.OK);
            out.write(Wire.bytes(Wire.frame(header, payload)));
            Packet reply;
            do {
                reply = read();
            } while (reply.header().type() != MessageType.REPLY
                    || reply.header().serial() != mine);
            return reply.header().status() == MessageStatus.OK ? null : Xdr.decode(RemoteError.class, reply.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serial of the last call made: a stream it opened is known by it. */
    public int lastSerial() {
        return serial - 1;
    }

    /** Sends one STREAM packet of the stream {@code procedure}'s call {@code callSerial} opened. */
    public void stream(Procedure<?, ?> procedure, int callSerial, MessageStatus status, byte[] data) {
        Header header = new Header(
                Program.REMOTE.id(),
                Program.REMOTE.version(),
                procedure.number(),
                MessageType.STREAM,
                callSerial,
                status);
        try {
            out.write(Wire.bytes(Wire.frame(header, data)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next packet the daemon sends, an event unless a call is in flight. */
    public Packet read() throws IOException {
        int length = in.readInt();
        Header header = new Header(
                in.readInt(),
                in.readInt(),
                in.readInt(),
                MessageType.values()[in.readInt()],
                in.readInt(),
                MessageStatus.values()[in.readInt()]);
        byte[] payload = new byte[length - Packet.MIN_LENGTH];
        in.readFully(payload);
        return new Packet(header, payload);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
