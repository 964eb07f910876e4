package org.metalvirt.shim.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Consumer;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.ConsoleAccess;
import org.metalvirt.shim.dispatch.StreamOutput;
import org.metalvirt.shim.dispatch.StreamSink;
import org.metalvirt.shim.dispatch.StreamSource;
import org.metalvirt.shim.domain.ConsoleClient;
import org.metalvirt.shim.domain.DomainService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's console stream: keystrokes to the server's serial port, what the server prints
 * back. A serial line does not wait for its reader, so the port is always read; while the
 * connection cannot take more, what arrives is held, and a client that leaves more than
 * {@link #UNREAD_LIMIT} bytes unread loses its stream (and with it the port, for the next client)
 * rather than holding memory or the port.
 */
final class ConsoleStream implements StreamSink, StreamSource, ConsoleClient {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleStream.class);

    /** Bytes read from the port at once: a serial line's output arrives a little at a time. */
    private static final int READ = 4096;

    static final int UNREAD_LIMIT = 256 * 1024;

    private final DomainService domains;
    private final UUID uuid;
    private final String name;
    private final Object lock = new Object();
    private volatile ConsoleAccess.Session session;
    private StreamOutput output;
    private boolean paused;
    private boolean over;
    private Consumer<StreamOutput> pendingEnd;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();

    ConsoleStream(DomainService domains, UUID uuid, String name) {
        this.domains = domains;
        this.uuid = uuid;
        this.name = name;
    }

    void attach(ConsoleAccess.Session opened) {
        this.session = opened;
    }

    // ---- the server's output ----------------------------------------------------------------

    @Override
    public void start(StreamOutput out) {
        synchronized (lock) {
            output = out;
            if (pendingEnd != null) {
                pendingEnd.accept(out);
                return;
            }
            if (over) {
                return;
            }
        }
        Thread pump = new Thread(this::pump, "console-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    private void pump() {
        InputStream in = session.output();
        byte[] buffer = new byte[READ];
        while (true) {
            int read;
            try {
                read = in.read(buffer);
            } catch (IOException e) {
                endWith(out -> out.fail(ioFailure(e.getMessage())), "its transport failed: " + e.getMessage());
                return;
            }
            if (read < 0) {
                endWith(StreamOutput::end, "its transport ended");
                return;
            }
            if (read > 0) {
                deliver(Arrays.copyOf(buffer, read));
            }
        }
    }

    private void deliver(byte[] bytes) {
        synchronized (lock) {
            if (over) {
                return;
            }
            if (!paused) {
                output.send(bytes);
                return;
            }
            if (held.size() + bytes.length <= UNREAD_LIMIT) {
                held.write(bytes, 0, bytes.length);
                return;
            }
        }
        endWith(
                out -> out.fail(new VirtException(
                        ErrorNumber.OPERATION_FAILED,
                        ErrorDomain.STREAMS,
                        "operation failed: the client left more than " + UNREAD_LIMIT
                                + " bytes of the console unread")),
                "the client does not read it");
    }

    @Override
    public void pause() {
        synchronized (lock) {
            paused = true;
        }
    }

    @Override
    public void resume() {
        synchronized (lock) {
            paused = false;
            if (!over && held.size() > 0) {
                output.send(held.toByteArray());
            }
            held.reset();
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            over = true;
        }
        // On the I/O thread: letting go of a transport (an SOL deactivation) may take a while.
        Thread release = new Thread(() -> domains.releaseConsole(uuid, this), "console-close-" + name);
        release.setDaemon(true);
        release.start();
    }

    // ---- the client's keystrokes ------------------------------------------------------------

    @Override
    public void write(byte[] data) {
        try {
            OutputStream in = session.input();
            in.write(data);
            in.flush();
        } catch (IOException e) {
            throw ioFailure("cannot write to the console: " + e.getMessage());
        }
    }

    @Override
    public void finish() {
        close();
    }

    @Override
    public void abort() {
        close();
    }

    private void close() {
        synchronized (lock) {
            over = true;
        }
        domains.releaseConsole(uuid, this);
    }

    // ---- the domain service -----------------------------------------------------------------

    @Override
    public void takenOver() {
        // What libvirt's character device gives the client a forced open displaces.
        endWith(out -> out.fail(ioFailure(null)), "another client forced it open");
    }

    @Override
    public void serverOff() {
        endWith(StreamOutput::end, "the server is off");
    }

    /** Ends the stream once, however many ends come; the first is told the client. */
    private void endWith(Consumer<StreamOutput> how, String why) {
        synchronized (lock) {
            if (over) {
                return;
            }
            over = true;
            held.reset();
            if (output == null) {
                pendingEnd = how;
            } else {
                how.accept(output);
            }
        }
        LOG.info("domain '{}': console stream ended: {}", name, why);
        domains.releaseConsole(uuid, this);
    }

    private static VirtException ioFailure(String detail) {
        return new VirtException(
                ErrorNumber.RPC, ErrorDomain.STREAMS, "stream had I/O failure" + (detail == null ? "" : ": " + detail));
    }
}
