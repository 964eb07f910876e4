package org.metalvirt.baremetal.board;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SPDK JSON-RPC service on a Unix socket that keeps bdevs and virtio-blk controllers in memory:
 * it answers the methods the SPDK provider calls by SPDK's names and parameters, refuses what
 * SPDK would (unknown bdev, duplicate name, unknown method), and records every exchange.
 */
public final class SimulatedSpdk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSpdk.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request and the answer it got. */
    public record Exchange(JsonNode request, JsonNode response) {}

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final Set<String> bdevs = new LinkedHashSet<>();
    private final Set<String> controllers = new LinkedHashSet<>();
    private volatile String failNext;
    private volatile boolean silent;
    private final List<SocketChannel> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SimulatedSpdk(Path socket) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::serve, "simulated-spdk");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socket() {
        return socket;
    }

    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public synchronized Set<String> bdevs() {
        return Set.copyOf(bdevs);
    }

    public synchronized Set<String> controllers() {
        return Set.copyOf(controllers);
    }

    /** The next call of {@code method} fails as SPDK reports failures. */
    public void failNext(String method) {
        failNext = method;
    }

    /** From now on requests are read and never answered. */
    public void stopAnswering() {
        silent = true;
    }

    private void serve() {
        while (server.isOpen()) {
            SocketChannel accepted;
            try {
                accepted = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (silent) {
                held.add(accepted); // open and unanswered, until close()
                continue;
            }
            try (SocketChannel client = accepted) {
                // Not closed: closing the parser would close the connection before the answer.
                JsonParser parser = JSON.createParser(Channels.newInputStream(client));
                JsonNode request = parser.readValueAsTree();
                if (request == null) {
                    continue;
                }
                JsonNode response = answer(request);
                ByteBuffer out = ByteBuffer.wrap(JSON.writeValueAsBytes(response));
                while (out.hasRemaining()) {
                    client.write(out);
                }
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.debug("simulated SPDK: {}", e.toString());
                }
            }
        }
    }

    private synchronized JsonNode answer(JsonNode request) {
        String method = request.path("method").asText();
        JsonNode params = request.path("params");
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", request.get("id"));
        try {
            if (method.equals(failNext)) {
                failNext = null;
                throw new RpcError(-32603, method + " failed as told");
            }
            response.set("result", call(method, params));
        } catch (RpcError e) {
            response.putObject("error").put("code", e.code).put("message", e.getMessage());
        }
        exchanges.add(new Exchange(request, response));
        return response;
    }

    private JsonNode call(String method, JsonNode params) {
        return switch (method) {
            case "bdev_iscsi_create", "bdev_rbd_create", "bdev_aio_create" ->
                JSON.getNodeFactory().textNode(add(bdevs, params.path("name").asText()));
            case "bdev_nvme_attach_controller" ->
                JSON.createArrayNode().add(add(bdevs, params.path("name").asText() + "n1"));
            case "bdev_iscsi_delete", "bdev_rbd_delete", "bdev_aio_delete" ->
                remove(bdevs, params.path("name").asText());
            case "bdev_nvme_detach_controller" ->
                remove(bdevs, params.path("name").asText() + "n1");
            case "vhost_create_blk_controller" ->
                controller(
                        params.path("ctrlr").asText(), params.path("dev_name").asText());
            case "vfu_virtio_create_blk_endpoint" ->
                controller(
                        params.path("name").asText(), params.path("bdev_name").asText());
            case "vhost_delete_controller" ->
                remove(controllers, params.path("ctrlr").asText());
            case "vfu_virtio_delete_endpoint" ->
                remove(controllers, params.path("name").asText());
            default -> throw new RpcError(-32601, "Method not found");
        };
    }

    private static String add(Set<String> set, String name) {
        if (name.isEmpty() || !set.add(name)) {
            throw new RpcError(-17, "File exists: " + name);
        }
        return name;
    }

    private static JsonNode remove(Set<String> set, String name) {
        if (!set.remove(name)) {
            throw new RpcError(-19, "No such device: " + name);
        }
        return JSON.getNodeFactory().booleanNode(true);
    }

    private JsonNode controller(String name, String bdev) {
        if (!bdevs.contains(bdev)) {
            throw new RpcError(-19, "No such device: bdev " + bdev);
        }
        add(controllers, name);
        return JSON.getNodeFactory().booleanNode(true);
    }

    private static final class RpcError extends RuntimeException {
        private final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel client : held) {
            client.close();
        }
        Files.deleteIfExists(socket);
    }
}
