package org.metalvirt.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.metalvirt.shim.protocol.Admin;
import org.metalvirt.shim.protocol.AdminProcedures;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.xdr.Xdr;

/**
 * A connection to the daemon's admin socket, speaking as virt-admin does: libvirt's admin
 * program (opened first, closed last) and metalvirt's own program beside it, one call at a time.
 */
final class AdminClient implements AutoCloseable {

    private static final int HEADER = 24;
    private static final int CALL = 0;
    private static final int STATUS_OK = 0;

    private final Path socket;
    private final SocketChannel channel;
    private int serial;

    private AdminClient(Path socket, SocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    /** Connects and opens the admin connection; {@link Unreachable} when no daemon answers there. */
    static AdminClient open(Path socket) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new Unreachable(socket, reason(e));
        }
        AdminClient client = new AdminClient(socket, channel);
        try {
            client.call(Program.ADMIN, AdminProcedures.CONNECT_OPEN, new Admin.ConnectOpenArgs(0));
        } catch (Unreachable e) {
            // The daemon closes at once a connection whose user may not administer it.
            throw new Unreachable(
                    socket, "the daemon refused the connection (only root and the daemon's own user may use it)");
        } catch (DaemonError e) {
            client.closeChannel();
            throw new Unreachable(socket, "not an admin socket (" + e.getMessage() + "); metalvirtd's is PATH-admin");
        }
        return client;
    }

    private static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No such file") || message.contains("Connection refused")) {
            return "no daemon is listening there (" + message + ")";
        }
        if (message.contains("Permission denied")) {
            return "permission denied: the admin socket is root's (or the daemon's user's)";
        }
        return message;
    }

    <A, R> R admin(Procedure<A, R> procedure, A args) {
        return call(Program.ADMIN, procedure, args);
    }

    <A, R> R metalvirt(Procedure<A, R> procedure, A args) {
        return call(Program.METALVIRT, procedure, args);
    }

    private <A, R> R call(Program program, Procedure<A, R> procedure, A args) {
        byte[] payload = Xdr.encode(procedure.args(), args);
        int mySerial = ++serial;
        ByteBuffer out = ByteBuffer.allocate(4 + HEADER + payload.length);
        out.putInt(4 + HEADER + payload.length)
                .putInt(program.id())
                .putInt(program.version())
                .putInt(procedure.number())
                .putInt(CALL)
                .putInt(mySerial)
                .putInt(STATUS_OK)
                .put(payload)
                .flip();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer length = read(4);
            ByteBuffer reply = read(length.getInt() - 4);
            reply.position(HEADER - 4);
            int status = reply.getInt();
            byte[] body = new byte[reply.remaining()];
            reply.get(body);
            if (status != STATUS_OK) {
                RemoteError error = Xdr.decode(RemoteError.class, body);
                throw new DaemonError(error.code(), error.message().orElse("error " + error.code()));
            }
            return Xdr.decode(procedure.ret(), body);
        } catch (IOException e) {
            throw new Unreachable(socket, "the daemon closed the connection (" + e.getMessage() + ")");
        }
    }

    private ByteBuffer read(int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("end of file");
            }
        }
        return buffer.flip();
    }

    @Override
    public void close() {
        try {
            admin(AdminProcedures.CONNECT_CLOSE, null);
        } catch (RuntimeException e) {
            // Closing anyway.
        }
        closeChannel();
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do.
        }
    }

    /** The daemon cannot be reached at the socket: not running, another path, or not allowed. */
    static final class Unreachable extends RuntimeException {
        Unreachable(Path socket, String reason) {
            super("cannot reach metalvirtd at " + socket + ": " + reason);
        }
    }

    /** The daemon answered the call with a libvirt error. */
    static final class DaemonError extends RuntimeException {
        private final int code;

        DaemonError(int code, String message) {
            super(message);
            this.code = code;
        }

        int code() {
            return code;
        }
    }
}
