package org.metalvirt.baremetal.console;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.metalvirt.error.Failures;
import org.metalvirt.node.ConsoleAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console session carried by {@code socat}: its stdin and stdout are the session's keystrokes
 * and output, its other address the transport (a tty device in raw mode, a program under a pty).
 * socat ends when its stdin reaches EOF, so it ends with the daemon however the daemon ends, and a
 * program it runs under a pty with {@code setsid,ctty} is hung up when socat closes the pty. Closing
 * the session ends socat and everything it started.
 */
public final class SocatSession implements ConsoleAccess.Session {

    private static final Logger LOG = LoggerFactory.getLogger(SocatSession.class);

    /** How long a closing socat and its program get before they are killed. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final String what;
    private final Process process;
    private final StringBuffer errors = new StringBuffer();
    private volatile boolean closing;

    private SocatSession(String what, Process process) {
        this.what = what;
        this.process = process;
        Thread reader = new Thread(this::readErrors, "socat-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    /** Keeps the end of what socat says about its failures (never a secret: those travel in the environment). */
    private void readErrors() {
        byte[] buffer = new byte[512];
        try (InputStream err = process.getErrorStream()) {
            for (int n; (n = err.read(buffer)) >= 0; ) {
                errors.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (errors.length() > 2048) {
                    errors.delete(0, errors.length() - 1024);
                }
            }
        } catch (IOException e) {
            // socat is gone
        }
    }

    /**
     * Starts {@code socat STDIO ADDRESS}; {@code environment} is added to the daemon's (a BMC
     * password travels there, never on argv).
     */
    public static SocatSession start(String what, String address, Map<String, String> environment) {
        List<String> argv = new ArrayList<>(List.of("socat", "-t", "0.5", "STDIO", address));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(environment);
        try {
            LOG.debug("{}: socat STDIO {}", what, address);
            return new SocatSession(what, builder.start());
        } catch (IOException e) {
            throw Failures.failed("cannot start socat for " + what + ": " + e.getMessage(), e);
        }
    }

    /** socat's {@code EXEC:} address for {@code argv} under a pty that hangs it up when socat goes. */
    public static String execUnderPty(List<String> argv) {
        return "EXEC:" + escape(String.join(" ", argv)) + ",pty,raw,echo=0,setsid,ctty";
    }

    /** socat's address of a tty device set to raw mode at {@code baud}. */
    public static String rawTty(String device, int baud) {
        return escape(device) + ",raw,echo=0,b" + baud;
    }

    /** Address separators socat would read inside a value are backslash-escaped. */
    private static String escape(String value) {
        return value.replaceAll("([\\\\,:!'\"])", "\\\\$1");
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * What the transport prints. Its end is the end of data when the session was closed or socat
     * ended well, and an {@code IOException} naming socat's error when the transport failed.
     */
    @Override
    public InputStream output() {
        return new FilterInputStream(process.getInputStream()) {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int read = super.read(bytes, offset, length);
                if (read < 0) {
                    failed();
                }
                return read;
            }
        };
    }

    private void failed() throws IOException {
        try {
            if (closing || !process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() == 0) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String said = errors.toString().strip();
        String last = said.isEmpty() ? "" : ": " + said.substring(said.lastIndexOf('\n') + 1);
        throw new IOException(what + " ended with status " + process.exitValue() + last);
    }

    @Override
    public OutputStream input() {
        return process.getOutputStream();
    }

    @Override
    public void close() {
        closing = true;
        List<ProcessHandle> started = process.descendants().toList();
        try {
            process.getOutputStream().close(); // EOF: socat closes the transport and leaves
        } catch (IOException e) {
            // already gone
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ProcessHandle child : started) {
                child.destroyForcibly();
                child.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{}: a console process did not end: {}", what, e.toString());
        }
        LOG.debug("{}: console session closed", what);
    }
}
