package org.metalvirt.baremetal.smartnic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.metalvirt.error.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 to SPDK over its Unix socket ({@code /var/tmp/spdk.sock}), one connection per call
 * as SPDK's rpc.py does. A call that gets no answer in time has its connection closed under it.
 */
public final class SpdkRpc {

    private static final Logger LOG = LoggerFactory.getLogger(SpdkRpc.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "spdk-rpc-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Path socket;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();

    public SpdkRpc(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Calls {@code method} and returns its result; SPDK's error is OPERATION_FAILED with its code and message. */
    public JsonNode call(String method, ObjectNode params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        request.put("id", ids.incrementAndGet());
        if (params != null) {
            request.set("params", params);
        }
        // The method alone: a request may carry a secret's value (a Ceph key, a CHAP password).
        LOG.debug("SPDK {} -> {}", socket, method);
        AtomicBoolean expired = new AtomicBoolean();
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(
                    () -> {
                        expired.set(true);
                        try {
                            channel.close();
                        } catch (IOException e) {
                            // closing is all the watchdog does
                        }
                    },
                    timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                ByteBuffer out = ByteBuffer.wrap(JSON.writeValueAsBytes(request));
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                JsonNode response;
                try (JsonParser parser = JSON.createParser(Channels.newInputStream(channel))) {
                    response = parser.readValueAsTree();
                }
                LOG.debug("SPDK {} <- {}", socket, response);
                if (response == null) {
                    throw Failures.failed("SPDK closed the connection without answering " + method);
                }
                JsonNode error = response.get("error");
                if (error != null) {
                    throw Failures.failed("SPDK " + method + " failed: "
                            + error.path("message").asText() + " (code "
                            + error.path("code").asInt() + ")");
                }
                return response.path("result");
            } finally {
                watchdog.cancel(false);
            }
        } catch (ClosedChannelException e) {
            if (expired.get()) {
                throw Failures.timeout("SPDK did not answer " + method + " within " + timeout.toMillis() + " ms");
            }
            throw Failures.failed("SPDK closed the connection during " + method, e);
        } catch (IOException e) {
            if (expired.get()) {
                throw Failures.timeout("SPDK did not answer " + method + " within " + timeout.toMillis() + " ms");
            }
            throw Failures.failed("cannot reach SPDK at " + socket + " for " + method + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SpdkRpc[" + socket + "]";
    }

    static String text(JsonNode node) {
        return node.isArray() ? node.path(0).asText() : node.asText();
    }
}
