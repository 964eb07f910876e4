package org.metalvirt.qemu.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.metalvirt.error.Failures;
import org.metalvirt.node.ConsoleAccess;
import org.metalvirt.qemu.process.MachineConfig;

/**
 * The server's serial port: QEMU's chardev socket. It takes one client at a time (a second
 * waits until the first leaves), and it exists only while the server is on. The streams call the
 * channel directly so that reading and writing never share a lock.
 */
final class QemuConsole implements ConsoleAccess {

    private final MachineConfig config;

    QemuConsole(MachineConfig config) {
        this.config = config;
    }

    @Override
    public Session open() {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw Failures.failed("cannot open a Unix socket: " + e.getMessage(), e);
        }
        try {
            channel.connect(UnixDomainSocketAddress.of(config.serialSocket()));
        } catch (IOException e) {
            close(channel);
            throw Failures.invalid(
                    "the console of node " + config.name() + " is not available (is it on?): " + e.getMessage());
        }
        return new ChannelSession(channel);
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    private record ChannelSession(SocketChannel channel) implements Session {

        @Override
        public InputStream output() {
            return Session.reading((bytes, offset, length) -> channel.read(ByteBuffer.wrap(bytes, offset, length)));
        }

        @Override
        public OutputStream input() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            };
        }

        @Override
        public void close() {
            QemuConsole.close(channel);
        }
    }
}
