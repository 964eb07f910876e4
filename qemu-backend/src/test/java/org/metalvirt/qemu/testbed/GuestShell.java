package org.metalvirt.qemu.testbed;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs shell commands in the testbed guest: {@code tb-run ID CMD} typed on its serial console
 * (QEMU's chardev socket, one client at a time), answered by {@code TB RC ID status} in the log.
 */
public final class GuestShell {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final Path console;
    private final SerialLog log;

    /** @param console the serial chardev's socket ({@code MachineConfig.serialSocket()}) */
    public GuestShell(Path console, SerialLog log) {
        this.console = console;
        this.log = log;
    }

    /**
     * Runs {@code command} and returns its exit status, once the guest reports it (bounded). The
     * console stays connected meanwhile (QEMU drops what a client typed just before leaving), and
     * what it sends is drained, so the guest's console output never stalls on this client.
     */
    public int run(String command, Duration timeout) {
        int id = IDS.incrementAndGet();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(console));
            Thread drain = new Thread(
                    () -> {
                        ByteBuffer sink = ByteBuffer.allocate(4096);
                        try {
                            while (channel.read(sink.clear()) >= 0) {
                                // the log file has it all
                            }
                        } catch (IOException e) {
                            // closed at the end of the command
                        }
                    },
                    "guest-shell-drain");
            drain.setDaemon(true);
            drain.start();
            ByteBuffer bytes =
                    ByteBuffer.wrap(("tb-run " + id + " " + command + "\n").getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            String rc =
                    log.awaitLine(line -> line.startsWith("TB RC " + id + " "), timeout, "'" + command + "' to end");
            return Integer.parseInt(rc.substring(("TB RC " + id + " ").length()).strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot type on the console " + console + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code command} and fails unless it exits 0. */
    public void ok(String command, Duration timeout) {
        int rc = run(command, timeout);
        if (rc != 0) {
            throw new AssertionError("'" + command + "' exited " + rc + " in the guest");
        }
    }
}
