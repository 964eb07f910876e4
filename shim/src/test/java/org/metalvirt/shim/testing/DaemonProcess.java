package org.metalvirt.shim.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * metalvirtd as its own process, for what an in-process daemon cannot show: surviving kill -9.
 * Started with the test classpath; ready once it logs where it listens.
 */
public final class DaemonProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on tcp [^ ]+:(\\d+),");

    private final Process process;
    private final int port;
    private final List<String> log;

    private DaemonProcess(Process process, int port, List<String> log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static DaemonProcess start(Path config) {
        return start(config, "INFO");
    }

    /** With metalvirt's loggers (the daemon's and the backends') at {@code level}, every line kept. */
    public static DaemonProcess start(Path config, String level) {
        return start(config, level, List.of());
    }

    /** Started by {@code sh} with umask 000, to show the daemon's files do not depend on the umask. */
    public static DaemonProcess startUnderUmask000(Path config, String level) {
        return start(config, level, List.of("sh", "-c", "umask 000; exec \"$0\" \"$@\""));
    }

    /**
     * As the launchers start it: SLF4J bound by their {@code DaemonLogging}, and the daemon's own
     * class path (no test classes, so no {@code logback-test.xml}): the built-in logging at INFO.
     */
    public static DaemonProcess startAsLaunched(Path config) {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        return start(
                config,
                "INFO",
                List.of(),
                List.of(
                        "-Dslf4j.provider=org.metalvirt.shim.log.DaemonLogging",
                        "-Dslf4j.internal.verbosity=WARN",
                        "-cp",
                        classPath));
    }

    private static DaemonProcess start(Path config, String level, List<String> prefix) {
        return start(config, level, prefix, List.of("-cp", System.getProperty("java.class.path")));
    }

    private static DaemonProcess start(Path config, String level, List<String> prefix, List<String> jvm) {
        // SIGHUP, SIGINT and SIGTERM as a service manager gives them, even when the tests themselves
        // run under nohup or in the background: a signal ignored at exec stays ignored, and the JVM
        // then never sees it.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=HUP,INT,TERM"));
        command.addAll(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of("org.metalvirt.shim.server.Main", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("METALVIRT_TEST_LOG", level);
        builder.environment().put("METALVIRT_SIM_LOG", level);
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> awaitListening(process, log));
            try {
                return new DaemonProcess(process, ready.get(60, TimeUnit.SECONDS), log);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException("metalvirtd did not start", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the daemon's log until it says where it listens, then keeps draining it. */
    private static int awaitListening(Process process, List<String> kept) {
        BufferedReader log =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = log.readLine()) != null) {
                kept.add(line);
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    Thread drain = new Thread(() -> drain(log, kept), "metalvirtd-log");
                    drain.setDaemon(true);
                    drain.start();
                    return Integer.parseInt(listening.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("metalvirtd exited before listening");
    }

    /** Keeps the log to its end; the stream closes when the process is gone. */
    private static void drain(BufferedReader log, List<String> kept) {
        try {
            log.lines().forEach(kept::add);
        } catch (UncheckedIOException e) {
            // The daemon was stopped or killed.
        }
    }

    /** What the daemon has logged so far. */
    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** SIGHUP, libvirtd's reload signal. */
    public void hangup() {
        signal("HUP");
    }

    /** Sends the signal {@code name} ({@code TERM}, {@code INT}, ...) without waiting for its effect. */
    public void signal(String name) {
        Command.run(java.time.Duration.ofSeconds(10), "kill", "-" + name, Long.toString(process.pid()))
                .assertSuccess();
    }

    public String uri() {
        return "qemu+tcp://127.0.0.1:" + port + "/system";
    }

    /** SIGTERM: the daemon's shutdown hook runs, as on {@code systemctl stop}; waits for it to exit. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    public void kill9() {
        process.destroyForcibly();
        awaitExit();
    }

    /** The daemon's exit status once it has ended by itself, or empty while it runs. */
    public java.util.OptionalInt exitStatus() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    private void awaitExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The configuration of a daemon with one quick simulated server, its sockets, state and
     * runtime state ({@code run}) under {@code dir}.
     */
    public static Path oneServerConfig(Path dir) throws IOException {
        return serversConfig(dir, 1);
    }

    /** As above, with {@code count} servers, {@code node0} to {@code node<count-1>}. */
    public static Path serversConfig(Path dir, int count) throws IOException {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < count; i++) {
            nodes.append(
                    "  - name: node%d%n    options: {powerOnMillis: \"20\", osShutdownMillis: \"50\"}%n".formatted(i));
        }
        return Files.writeString(dir.resolve("metalvirtd.yaml"), """
                listen: {tcp: "127.0.0.1:0", unix: %s}
                stateDir: %s
                runtimeDir: %s
                hostname: card-7
                nodes:
                %s""".formatted(
                        dir.resolve("sock"), dir.resolve("state"), dir.resolve("run"), nodes));
    }

    @Override
    public void close() {
        kill9();
    }
}
