package org.metalvirt.baremetal.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.metalvirt.error.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QMP connection over a Unix-domain socket: the greeting, capabilities negotiation, commands
 * matched to replies by {@code id}, and asynchronous events. Every wait is bounded. One reader
 * thread per connection; commands may be sent from any thread.
 *
 * <p>The channel is read and written directly, not through {@code Channels.newInputStream}: those
 * adaptors share the channel's blocking lock, so a write would wait behind a blocked read.
 */
public final class QmpClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QmpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest line accepted from QEMU; query replies are a few KiB. */
    private static final int MAX_LINE = 4 << 20;

    private final String name;
    private final SocketChannel channel;
    private final Duration commandTimeout;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<EventWait> waits = new CopyOnWriteArrayList<>();
    private final List<Consumer<QmpEvent>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<JsonNode> greeting = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final Object writeLock = new Object();

    private QmpClient(String name, SocketChannel channel, Duration commandTimeout) {
        this.name = name;
        this.channel = channel;
        this.commandTimeout = commandTimeout;
    }

    /**
     * Connects to {@code socket}, waiting up to {@code timeout} for it to accept (QEMU creates it
     * while starting) unless {@code alive} turns false first, and negotiates capabilities.
     */
    public static QmpClient connect(
            String name, Path socket, Duration timeout, BooleanSupplier alive, Duration commandTimeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketChannel channel = null;
        while (channel == null) {
            try {
                SocketChannel attempt = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    attempt.connect(UnixDomainSocketAddress.of(socket));
                    channel = attempt;
                } catch (IOException e) {
                    attempt.close();
                    if (!alive.getAsBoolean()) {
                        throw Failures.failed(name + ": QEMU exited before its QMP socket " + socket + " accepted");
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw Failures.timeout(name + ": QMP socket " + socket + " did not accept within "
                                + timeout.toMillis() + " ms: " + e.getMessage());
                    }
                    // Nothing signals that QEMU has bound its socket: try again shortly.
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                throw Failures.failed(name + ": cannot open a Unix socket: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                throw Failures.interrupted("connecting to QMP of " + name, e);
            }
        }
        QmpClient client = new QmpClient(name, channel, commandTimeout);
        client.start();
        try {
            client.greeting.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            client.execute("qmp_capabilities");
            return client;
        } catch (TimeoutException e) {
            client.close();
            throw Failures.timeout(name + ": no QMP greeting within " + commandTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            client.close();
            throw Failures.failed(name + ": QMP closed before its greeting", e.getCause());
        } catch (InterruptedException e) {
            client.close();
            throw Failures.interrupted("waiting for the QMP greeting of " + name, e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** A fresh argument object for {@link #execute(String, ObjectNode)}. */
    public static ObjectNode args() {
        return JsonNodeFactory.instance.objectNode();
    }

    public JsonNode execute(String command) {
        return execute(command, null);
    }

    /** Runs a command and returns its {@code return}; a QMP error is OPERATION_FAILED naming its class. */
    public JsonNode execute(String command, ObjectNode arguments) {
        return call(command, arguments).orThrow(name);
    }

    /** Runs a command and returns QEMU's answer, error or not; no answer in time is OPERATION_TIMEOUT. */
    public QmpReply call(String command, ObjectNode arguments) {
        String id = name + "-" + ids.incrementAndGet();
        ObjectNode request = args().put("execute", command).put("id", id);
        if (arguments != null) {
            request.set("arguments", arguments);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            if (closed.isDone()) {
                throw Failures.failed(name + ": QMP connection is closed; cannot run " + command);
            }
            write(request);
            JsonNode answer = reply.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.has("error")) {
                JsonNode error = answer.get("error");
                return new QmpReply(
                        command,
                        null,
                        error.path("class").asText("GenericError"),
                        error.path("desc").asText(""));
            }
            return new QmpReply(command, answer.path("return"), null, null);
        } catch (TimeoutException e) {
            throw Failures.timeout(
                    name + ": QMP " + command + " got no reply within " + commandTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw Failures.failed(
                    name + ": QMP " + command + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw Failures.interrupted("running QMP " + command + " on " + name, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Starts waiting for the first event matching {@code match}; send the causing command after this. */
    public EventWait expect(Predicate<QmpEvent> match) {
        EventWait wait = new EventWait(this, match);
        waits.add(wait);
        if (closed.isDone()) {
            wait.abandon(new IllegalStateException("QMP connection of " + name + " is closed"));
        }
        return wait;
    }

    /** Told of every event, on the reader thread: return quickly. */
    public void onEvent(Consumer<QmpEvent> listener) {
        listeners.add(listener);
    }

    /** Completes when the connection ends, which is how QEMU's exit shows first. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    void forget(EventWait wait) {
        waits.remove(wait);
    }

    @Override
    public void close() {
        try {
            channel.close(); // the reader sees the close and fails what is pending
        } catch (IOException e) {
            LOG.debug("{}: closing QMP: {}", name, e.getMessage());
        }
    }

    private void write(ObjectNode request) {
        byte[] bytes = (request.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        synchronized (writeLock) {
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw Failures.failed(name + ": writing to QMP failed: " + e.getMessage(), e);
            }
        }
    }

    private void start() {
        Thread reader = new Thread(this::readLoop, "qmp-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        Throwable cause = new IllegalStateException("QMP connection of " + name + " closed");
        try {
            while (channel.read(buffer.clear()) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        handle(line.toString(StandardCharsets.UTF_8).strip());
                        line.reset();
                    } else if (line.size() >= MAX_LINE) {
                        throw new IOException("QMP line longer than " + MAX_LINE + " bytes");
                    } else {
                        line.write(b);
                    }
                }
            }
        } catch (IOException e) {
            cause = e;
            LOG.debug("{}: QMP connection ended: {}", name, e.getMessage());
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("{}: closing QMP: {}", name, e.getMessage());
            }
            greeting.completeExceptionally(cause);
            for (CompletableFuture<JsonNode> reply : pending.values()) {
                reply.completeExceptionally(cause);
            }
            for (EventWait wait : waits) {
                wait.abandon(cause);
            }
            closed.complete(null);
        }
    }

    private void handle(String text) {
        if (text.isEmpty()) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            LOG.warn("{}: unreadable QMP message ignored: {}", name, text);
            return;
        }
        if (message.has("QMP")) {
            greeting.complete(message);
        } else if (message.has("event")) {
            JsonNode data = message.has("data") ? message.get("data") : args();
            QmpEvent event = new QmpEvent(message.get("event").asText(), data);
            LOG.debug("{}: event {} {}", name, event.name(), data);
            for (EventWait wait : waits) {
                if (wait.offer(event)) {
                    waits.remove(wait);
                }
            }
            for (Consumer<QmpEvent> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("{}: QMP event listener failed on {}", name, event.name(), e);
                }
            }
        } else {
            CompletableFuture<JsonNode> reply = pending.get(message.path("id").asText());
            if (reply != null) {
                reply.complete(message);
            } else {
                LOG.debug("{}: QMP reply nobody waits for: {}", name, text);
            }
        }
    }
}
