package org.metalvirt.shim.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A long-running client program (virsh event) whose output lines are read as they come. */
public final class LineWatcher implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private LineWatcher(Process process) {
        this.process = process;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        out.lines().forEach(lines::add);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "line-watcher");
        reader.setDaemon(true);
        reader.start();
    }

    public static LineWatcher start(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        builder.redirectErrorStream(true);
        try {
            return new LineWatcher(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a line matching {@code wanted}; returns every line seen so far, that one last. */
    public List<String> awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no matching line within " + timeout + "; seen: " + seen);
            }
            seen.add(line);
            if (wanted.test(line)) {
                return List.copyOf(seen);
            }
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
