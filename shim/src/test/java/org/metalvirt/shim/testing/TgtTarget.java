package org.metalvirt.shim.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real iSCSI target: Debian's {@code tgtd} in the foreground on a free loopback port, one target
 * whose LUNs are sparse files, optionally behind a CHAP account. Its management channel is on
 * a number derived from its portal's, so targets of parallel tests never meet. Killed by its PID.
 */
public final class TgtTarget implements AutoCloseable {

    private static final Duration QUICK = Duration.ofSeconds(30);

    private final Process tgtd;
    private final int port;

    private TgtTarget(Process tgtd, int port) {
        this.tgtd = tgtd;
        this.port = port;
    }

    /** tgtd takes management ports up to 32767: one derived from the portal's, distinct for any two live ones. */
    private static String controlPort(int port) {
        return Integer.toString(1 + port % 32767);
    }

    /** A target {@code iqn} with LUNs 1, 2, … of the given sizes, files under {@code dir}. */
    public static TgtTarget start(Path dir, String iqn, List<Long> lunBytes, Optional<String[]> chapUserAndPassword)
            throws IOException {
        int port = freePort();
        Process tgtd = new ProcessBuilder("tgtd", "-f", "-C", controlPort(port), "--iscsi", "portal=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("tgtd.log").toFile())
                .start();
        TgtTarget target = new TgtTarget(tgtd, port);
        try {
            await().atMost(QUICK)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() ->
                            target.tgtadm("--mode", "target", "--op", "show").exitCode() == 0);
            target.check("--mode", "target", "--op", "new", "--tid", "1", "--targetname", iqn);
            for (int lun = 1; lun <= lunBytes.size(); lun++) {
                Path file = dir.resolve("lun" + lun + ".img");
                Command.run(QUICK, "truncate", "-s", Long.toString(lunBytes.get(lun - 1)), file.toString())
                        .assertSuccess();
                target.check(
                        "--mode",
                        "logicalunit",
                        "--op",
                        "new",
                        "--tid",
                        "1",
                        "--lun",
                        Integer.toString(lun),
                        "--backing-store",
                        file.toString());
            }
            if (chapUserAndPassword.isPresent()) {
                String[] chap = chapUserAndPassword.get();
                target.check("--mode", "account", "--op", "new", "--user", chap[0], "--password", chap[1]);
                target.check("--mode", "account", "--op", "bind", "--tid", "1", "--user", chap[0]);
            }
            target.check("--mode", "target", "--op", "bind", "--tid", "1", "--initiator-address", "ALL");
            return target;
        } catch (RuntimeException | Error e) {
            target.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    private Command.Result tgtadm(String... args) {
        String[] command = new String[args.length + 5];
        command[0] = "tgtadm";
        command[1] = "-C";
        command[2] = controlPort(port);
        command[3] = "--lld";
        command[4] = "iscsi";
        System.arraycopy(args, 0, command, 5, args.length);
        return Command.run(QUICK, command);
    }

    private void check(String... args) {
        tgtadm(args).assertSuccess();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** tgtd ignores SIGTERM while it has targets: it is killed, as its unit stops it when all else fails. */
    @Override
    public void close() {
        tgtd.destroyForcibly();
        try {
            tgtd.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted stopping tgtd", e));
        }
    }
}
