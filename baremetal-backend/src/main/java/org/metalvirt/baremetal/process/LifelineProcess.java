package org.metalvirt.baremetal.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.metalvirt.error.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A helper process the daemon owns (a QEMU standing in for a server, the card's
 * {@code qemu-storage-daemon}), started through a small {@code sh} wrapper so that it never
 * outlives the daemon. Java cannot set {@code PR_SET_PDEATHSIG} on a child, so the wrapper holds
 * the read end of a pipe whose only write end is the daemon's: when the daemon ends, however it
 * ends (kill -9 included), the pipe reads EOF and the wrapper sends the child SIGTERM, which QEMU
 * takes as "shut down now". A wrapper killed on its own leaves the child behind; {@link StaleProcess}
 * sweeps that case at the next start from the child's pid file ({@code -pidfile}, {@code --pidfile}).
 *
 * <p>The process handle is the wrapper's, and the wrapper exits only after the child has: its exit
 * is the child's end (for a QEMU server, the "server is off" edge).
 */
public final class LifelineProcess {

    private static final Logger LOG = LoggerFactory.getLogger(LifelineProcess.class);

    /**
     * {@code $@} is the child's argv. fd 3 keeps the daemon's pipe for the watcher; the child gets
     * neither it nor stdin. SIGTERM to the wrapper is passed on to the child, and the wrapper still
     * waits for it.
     */
    static final String WRAPPER = String.join(
            "\n",
            "exec 3<&0",
            "\"$@\" 0</dev/null 3<&- &",
            "q=$!",
            "{ read -r _ <&3; kill -TERM \"$q\" 2>/dev/null; } &",
            "w=$!",
            "exec 3<&-",
            "trap 'kill -TERM \"$q\" 2>/dev/null' TERM INT HUP",
            "rc=0",
            "while kill -0 \"$q\" 2>/dev/null; do wait \"$q\"; rc=$?; done",
            "kill \"$w\" 2>/dev/null",
            "exit $rc");

    private final String name;
    private final Process wrapper;
    private final OutputStream lifeline;
    private final Path log;

    private LifelineProcess(String name, Process wrapper, Path log) {
        this.name = name;
        this.wrapper = wrapper;
        this.lifeline = wrapper.getOutputStream();
        this.log = log;
    }

    /**
     * Starts {@code argv}, its output appended to {@code log}, after ending a stale child that
     * wrote {@code pidFile} (the child must be told to write it).
     */
    public static LifelineProcess start(String name, List<String> argv, Path log, Path pidFile) {
        StaleProcess.sweep(pidFile);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "lifeline"));
            command.addAll(argv);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            LOG.debug("{}: started {} (wrapper pid {}): {}", name, argv.get(0), process.pid(), argv);
            return new LifelineProcess(name, process, log);
        } catch (IOException e) {
            throw Failures.failed(name + ": cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The wrapper's pid (the child's own is in its pid file). */
    public long pid() {
        return wrapper.pid();
    }

    public boolean alive() {
        return wrapper.isAlive();
    }

    /** Completes once the child (and its wrapper) have exited. */
    public CompletableFuture<Process> exited() {
        return wrapper.onExit();
    }

    /** Waits up to {@code timeout} for the exit; true when it came. */
    public boolean awaitExit(Duration timeout) {
        try {
            wrapper.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw Failures.failed(name + ": waiting for the process to exit: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            throw Failures.interrupted("waiting for the process of " + name + " to exit", e);
        }
    }

    /**
     * Ends the child: SIGTERM through the wrapper (QEMU exits at once, like pulling the plug), then
     * SIGKILL to both if that took longer than {@code grace}. Returns once the wrapper is gone.
     */
    public void kill(Duration grace) {
        if (!alive()) {
            return;
        }
        try {
            lifeline.close(); // the wrapper's watcher reads EOF and terminates the child
        } catch (IOException e) {
            LOG.debug("{}: closing the lifeline: {}", name, e.getMessage());
        }
        if (awaitExit(grace)) {
            return;
        }
        LOG.warn("{}: the process did not exit within {} ms of SIGTERM; killing it", name, grace.toMillis());
        wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
        wrapper.destroyForcibly();
        if (!awaitExit(grace)) {
            throw Failures.timeout(name + ": the process did not exit after SIGKILL");
        }
    }

    /** The last lines the child wrote, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
