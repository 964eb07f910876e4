package org.metalvirt.shim.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code virsh console} as a person runs it: under a real terminal, which util-linux's
 * {@code script} gives it (virsh refuses a console whose stdin is not a TTY). What it prints is
 * collected as it comes; keystrokes go to the terminal. {@link #close} ends it if it still runs.
 */
public final class VirshConsole implements AutoCloseable {

    /** virsh's default escape, Ctrl + ]: it finishes the stream and exits 0. */
    public static final String ESCAPE = "\u001d";

    private final Process process;
    private final StringBuffer seen = new StringBuffer();

    private VirshConsole(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> collect(process.getInputStream()), "virsh-console-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code virsh -c URI console DOMAIN ARGS…} and waits until it says it is connected. */
    public static VirshConsole open(String uri, String domain, String... args) {
        VirshConsole console = start(uri, domain, args);
        console.awaitOutput("Escape character is");
        return console;
    }

    /** Starts {@code virsh -c URI console DOMAIN ARGS…} under a terminal, for a console that may be refused. */
    public static VirshConsole start(String uri, String domain, String... args) {
        List<String> virsh = new ArrayList<>(List.of("virsh", "-c", quote(uri), "console", quote(domain)));
        for (String arg : args) {
            virsh.add(quote(arg));
        }
        ProcessBuilder builder =
                new ProcessBuilder("script", "-q", "-f", "-e", "-c", String.join(" ", virsh), "/dev/null");
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("LIBVIRT_DEFAULT_URI");
        builder.redirectErrorStream(true);
        try {
            return new VirshConsole(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run virsh console under script", e);
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private void collect(InputStream out) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = out.read(buffer)) >= 0; ) {
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Types {@code text} on the terminal. */
    public void type(String text) {
        try {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot type on virsh's terminal", e);
        }
    }

    /** Everything virsh printed so far, its error messages included. */
    public String output() {
        return seen.toString();
    }

    public void awaitOutput(String text) {
        awaitOutput(text, Duration.ofSeconds(60));
    }

    public void awaitOutput(String text, Duration within) {
        await("virsh console printing '" + text + "'")
                .atMost(within)
                .pollInterval(Duration.ofMillis(50))
                .failFast(
                        "virsh console ended: " + this,
                        () -> !process.isAlive() && !seen.toString().contains(text))
                .until(() -> seen.toString().contains(text));
    }

    /** Waits for virsh to exit and returns its exit code. */
    public int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("virsh console did not exit: " + this);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for virsh console", e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "virsh console, output so far:\n" + seen;
    }
}
