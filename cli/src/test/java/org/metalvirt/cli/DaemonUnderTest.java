package org.metalvirt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.DaemonProcess;

/**
 * metalvirtd as its own process, as an operator runs it, with one quick simulated server and its
 * sockets and state in a directory of the test's; and metalvirtctl, a process too, against it.
 */
final class DaemonUnderTest implements AutoCloseable {

    private static final Duration BOUND = Duration.ofSeconds(120);

    private final DaemonProcess process;
    private final Path dir;

    private DaemonUnderTest(DaemonProcess process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    static DaemonUnderTest start(Path dir) throws IOException {
        return start(dir, """
                  - name: node0
                    backend: sim
                    options: {powerOnMillis: "20", osShutdownMillis: "50"}
                """);
    }

    /** With these nodes: the YAML of the {@code nodes:} list's items. */
    static DaemonUnderTest start(Path dir, String nodes) throws IOException {
        Path config = Files.writeString(
                dir.resolve("metalvirtd.yaml"), """
                listen: {tcp: "127.0.0.1:0", unix: %s}
                stateDir: %s
                nodes:
                """.formatted(dir.resolve("sock"), dir.resolve("state")) + nodes);
        return new DaemonUnderTest(DaemonProcess.start(config), dir);
    }

    /** {@code metalvirtctl ARGS}: its main class in a JVM of its own, on the classpath its jar holds. */
    static Command.Result ctlAt(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Metalvirtctl.class.getName()));
        command.addAll(List.of(args));
        return Command.run(BOUND, command.toArray(String[]::new));
    }

    Path adminSocket() {
        return dir.resolve("sock-admin");
    }

    /** {@code qemu+unix:///system?socket=…}, for virsh on the read-write socket. */
    String uri() {
        return "qemu+unix:///system?socket=" + dir.resolve("sock");
    }

    String log() {
        return process.log();
    }

    /** metalvirtctl against this daemon's admin socket. */
    Command.Result ctl(String... args) {
        List<String> all = new ArrayList<>(List.of("--socket", adminSocket().toString()));
        all.addAll(List.of(args));
        return ctlAt(all.toArray(String[]::new));
    }

    /** virsh against this daemon. */
    Command.Result virsh(String... args) {
        List<String> all = new ArrayList<>(List.of("virsh", "-c", uri()));
        all.addAll(List.of(args));
        return Command.run(BOUND, all.toArray(String[]::new));
    }

    @Override
    public void close() {
        process.stop();
    }
}
