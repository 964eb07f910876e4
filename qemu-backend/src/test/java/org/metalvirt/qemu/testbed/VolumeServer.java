package org.metalvirt.qemu.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A volume server on 127.0.0.1 for the testbed's disks, as a SAN or Ceph cluster would serve
 * them to the card: {@code qemu-nbd} (Debian {@code qemu-utils}) exporting an image file, or
 * {@code tgtd} (Debian {@code tgt}) with one LUN. Each runs in the foreground as this JVM's child
 * and is ended by its PID at {@link #close}.
 */
public final class VolumeServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);
    /** Ports tried before giving up: another test on the machine may take the one picked first. */
    private static final int ATTEMPTS = 5;

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
        return listening(
                port -> start(List.of(
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
                        file.toString())),
                false);
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
        VolumeServer server = listening(
                port -> start(List.of("tgtd", "-f", "-C", control(port), "--iscsi", "portal=127.0.0.1:" + port)), true);
        String control = control(server.port);
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

    /** tgtd's control socket, numbered after the port, so targets of parallel tests never meet. */
    private static String control(int port) {
        return Integer.toString(1000 + port % 30000); // tgtd takes no larger number
    }

    /**
     * The server {@code starter} starts on a free port, once it listens there itself. The port is
     * free when picked, not when the server binds it: another test may take it in between. Then the
     * server exits and a connection to the port reaches that other test's server (a disk written
     * there is lost to this test), so what counts is the server's own listening socket; a server
     * that lost its port is started again on another.
     */
    private static VolumeServer listening(IntFunction<Process> starter, boolean killOnly) {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            VolumeServer server = new VolumeServer(starter.apply(port), port, killOnly);
            try {
                return server.awaitListening();
            } catch (LostPort e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException(ATTEMPTS + " volume servers in a row lost their port", e);
                }
            }
        }
    }

    /** The server could not listen: its port was taken meanwhile. */
    private static final class LostPort extends RuntimeException {
        LostPort(String message) {
            super(message);
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
            // Nothing tells when the server has bound its port: look until its own socket listens there.
            Awaitility.await("a volume server on port " + port)
                    .atMost(START)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            String said = new String(process.getInputStream().readAllBytes());
                            if (said.contains("in use")) {
                                throw new LostPort("port " + port + ": " + said);
                            }
                            throw new IllegalStateException("the volume server exited: " + said);
                        }
                        return listensItself();
                    });
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Whether one of the process's sockets is the listener on 127.0.0.1:port (Linux's /proc);
     * another process's listener there means the server cannot have the port (tgtd does not exit then).
     */
    private boolean listensItself() throws IOException {
        String local = String.format("0100007F:%04X", port);
        String inode = null;
        for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
            String[] field = line.strip().split("\\s+");
            if (field.length > 9 && field[1].equals(local) && field[3].equals("0A")) { // 0A: LISTEN
                inode = field[9];
            }
        }
        if (inode == null) {
            return false;
        }
        String socket = "socket:[" + inode + "]";
        boolean own;
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            own = fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(socket);
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            });
        }
        if (!own) {
            throw new LostPort("port " + port + " is another process's");
        }
        return true;
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
