package org.metalvirt.baremetal.console;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.metalvirt.node.ConsoleAccess;

/** Collects a console session's output as it comes, for a test to wait on. */
public final class ConsoleReader {

    private final StringBuffer seen = new StringBuffer();
    private volatile boolean ended;
    private volatile IOException failure;

    private ConsoleReader() {}

    public static ConsoleReader of(ConsoleAccess.Session session) {
        ConsoleReader reader = new ConsoleReader();
        Thread thread = new Thread(() -> reader.collect(session.output()), "console-reader");
        thread.setDaemon(true);
        thread.start();
        return reader;
    }

    private void collect(InputStream in) {
        byte[] buffer = new byte[1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            failure = e;
        }
        ended = true;
    }

    public String seen() {
        return seen.toString();
    }

    /** How the output ended, if it failed rather than reached its end. */
    public IOException failure() {
        return failure;
    }

    public boolean ended() {
        return ended;
    }

    public void awaitText(String text) {
        await("console output '" + text + "'")
                .atMost(Duration.ofSeconds(60))
                .failFast(
                        "the console ended: " + seen,
                        () -> ended && !seen.toString().contains(text))
                .until(() -> seen.toString().contains(text));
    }

    /** The socat and ipmitool processes this JVM has started that still run, as {@code ps} names them. */
    public static List<String> helpers() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains("socat") || line.contains("ipmitool"))
                .toList();
    }
}
