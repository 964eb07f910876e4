package org.metalvirt.qemu.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A volume server on 127.0.0.1 for the testbed's disks, as a SAN or Ceph cluster would serve
 * them to the card: {@code qemu-nbd} (Debian {@code qemu-utils}) exporting an image file, or
 * {@code tgtd} (Debian {@code tgt}) with one LUN. Each runs in the foreground as this JVM's child
 * and is ended by its PID at {@link #close}.
 */
public final class VolumeServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    /** tgtd in the foreground ignores SIGTERM; it writes through to its backing file, so SIGKILL loses nothing. */
    private final boolean killOnly;

    private VolumeServer(Process process, int port, boolean killOnly) {
        this.process = process;
        this.port = port;
        this.killOnly = killOnly;
    }

    /** {@code qemu-nbd} exporting {@code file} ({@code format}) as {@code export}. */
    public static VolumeServer nbd(Path file, String format, String export) {
        int port = freePort();
        Process process = start(List.of(
                "qemu-nbd",
                "--persistent",
                "--shared=4",
                "-b",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-x",
                export,
                "-f",
                format,
                file.toString()));
        return new VolumeServer(process, port, false).awaitListening();
    }

    /**
     * {@code tgtd} with target {@code iqn} whose LUN 1 is {@code file}, open to any initiator. Its
     * control socket is numbered after the port, so targets of parallel tests never meet.
     */
    public static VolumeServer iscsi(Path file, String iqn) {
        return iscsi(file, iqn, null, null);
    }

    /**
     * The same, logging in only initiators that give CHAP user {@code user} and {@code password}
     * (the test's own target: its tgtadm is the one program given the password on its command line).
     */
    public static VolumeServer iscsi(Path file, String iqn, String user, String password) {
        int port = freePort();
        String control = Integer.toString(1000 + port % 30000); // tgtd takes no larger number
        Process process = start(List.of("tgtd", "-f", "-C", control, "--iscsi", "portal=127.0.0.1:" + port));
        VolumeServer server = new VolumeServer(process, port, true).awaitListening();
        try {
            server.tgtadm(control, "--mode", "target", "--op", "new", "--tid", "1", "--targetname", iqn);
            server.tgtadm(
                    control,
                    "--mode",
                    "logicalunit",
                    "--op",
                    "new",
                    "--tid",
                    "1",
                    "--lun",
                    "1",
                    "--backing-store",
                    file.toString());
            server.tgtadm(control, "--mode", "target", "--op", "bind", "--tid", "1", "--initiator-address", "ALL");
            if (user != null) {
                server.tgtadm(control, "--mode", "account", "--op", "new", "--user", user, "--password", password);
                server.tgtadm(control, "--mode", "account", "--op", "bind", "--tid", "1", "--user", user);
            }
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT}, as a disk's host. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (killOnly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void tgtadm(String control, String... args) {
        List<String> argv = new ArrayList<>(List.of("tgtadm", "-C", control, "--lld", "iscsi"));
        argv.addAll(List.of(args));
        Process tool = start(argv);
        try {
            if (!tool.waitFor(30, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException(
                        argv + " failed: " + new String(tool.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private VolumeServer awaitListening() {
        try {
            // Nothing tells when the server has bound its port: try to connect until it accepts.
            Awaitility.await("a volume server on port " + port)
                    .atMost(START)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the volume server exited: "
                                    + new String(process.getInputStream().readAllBytes()));
                        }
                        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                            return true;
                        } catch (IOException e) {
                            return false;
                        }
                    });
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Process start(List<String> argv) {
        try {
            return new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }
}
