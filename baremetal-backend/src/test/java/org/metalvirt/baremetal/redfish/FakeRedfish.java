package org.metalvirt.baremetal.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Redfish service on 127.0.0.1 with one ComputerSystem: PowerState, ComputerSystem.Reset (a
 * power-on passes through PoweringOn, a graceful shutdown through PoweringOff, each for one read),
 * and the boot source override. It lists its allowable reset types (Nmi among them unless told
 * otherwise) and counts the NMIs that reach a system that is on. It can be told to fail with a
 * Redfish error or to hang.
 */
final class FakeRedfish implements AutoCloseable {

    static final String SYSTEM = "/redfish/v1/Systems/437XR1138R2";
    static final String PROCESSOR_METRICS = SYSTEM + "/ProcessorSummary/ProcessorMetrics";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Call(String method, String path, String body) {}

    private final HttpServer server;
    private final String authorization;
    private final List<Call> calls = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private String powerState = "Off";
    private String next; // the state after the next read, while a change is under way
    private JsonNode boot = JSON.createObjectNode();
    private JsonNode processorMetrics; // null: the system links no ProcessorSummary.Metrics
    private int failWith; // 0: answer normally
    private boolean hang;
    private List<String> resetTypes =
            List.of("On", "ForceOff", "GracefulShutdown", "ForceRestart", "GracefulRestart", "Nmi");
    private int nmis;

    FakeRedfish(String user, String password) throws IOException {
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Settings for this service as user admin, its password in {@code passwordFile}, polling quickly. */
    RedfishSettings settings(Path passwordFile, Duration requestTimeout) {
        return new RedfishSettings(
                url(),
                Optional.empty(),
                "admin",
                passwordFile,
                false,
                requestTimeout,
                Duration.ofSeconds(10),
                Duration.ofMillis(1),
                Duration.ofSeconds(10),
                "Continuous");
    }

    synchronized void powerState(String state) {
        powerState = state;
        next = null;
    }

    /** The ProcessorMetrics resource the system links from {@code ProcessorSummary.Metrics}. */
    synchronized void processorMetrics(JsonNode metrics) {
        processorMetrics = metrics;
    }

    synchronized void failWith(int status) {
        failWith = status;
    }

    /** The reset types the system lists; null to list none, as some services do. */
    synchronized void resetTypes(List<String> types) {
        resetTypes = types;
    }

    synchronized int nmis() {
        return nmis;
    }

    synchronized void hang() {
        hang = true;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> changes() {
        return calls.stream().filter(call -> !call.method().equals("GET")).toList();
    }

    synchronized JsonNode boot() {
        return boot;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        boolean hangNow;
        synchronized (this) {
            calls.add(new Call(exchange.getRequestMethod(), path, body));
            hangNow = hang;
        }
        if (hangNow) {
            try {
                released.await(30, TimeUnit.SECONDS); // held until the test is over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        int status;
        String answer;
        synchronized (this) {
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                answer = error("Base.1.8.GeneralError", "Authentication required");
            } else if (failWith != 0) {
                status = failWith;
                answer = error("Base.1.8.ActionNotSupported", "The action was refused by the service.");
            } else {
                String[] result = route(exchange.getRequestMethod(), path, body);
                status = Integer.parseInt(result[0]);
                answer = result[1];
            }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private String[] route(String method, String path, String body) throws IOException {
        if (method.equals("GET") && path.equals("/redfish/v1/Systems")) {
            return new String[] {"200", "{\"Members\":[{\"@odata.id\":\"" + SYSTEM + "\"}],\"Members@odata.count\":1}"};
        }
        if (method.equals("GET") && path.equals(SYSTEM)) {
            String shown = powerState;
            if (next != null) {
                powerState = next;
                next = null;
            }
            ObjectNode system = JSON.createObjectNode().put("Id", "437XR1138R2").put("PowerState", shown);
            system.set("Boot", boot);
            ObjectNode reset = system.putObject("Actions").putObject("#ComputerSystem.Reset");
            reset.put("target", SYSTEM + "/Actions/ComputerSystem.Reset");
            if (resetTypes != null) {
                resetTypes.forEach(reset.putArray("ResetType@Redfish.AllowableValues")::add);
            }
            ObjectNode processors = system.putObject("ProcessorSummary").put("Count", 2);
            if (processorMetrics != null) {
                processors.putObject("Metrics").put("@odata.id", PROCESSOR_METRICS);
            }
            return new String[] {"200", system.toString()};
        }
        if (method.equals("GET") && path.equals(PROCESSOR_METRICS) && processorMetrics != null) {
            return new String[] {"200", processorMetrics.toString()};
        }
        if (method.equals("POST") && path.equals(SYSTEM + "/Actions/ComputerSystem.Reset")) {
            String type = JSON.readTree(body).path("ResetType").asText();
            switch (type) {
                case "On" -> change("PoweringOn", "On");
                case "ForceOff" -> change("Off", null);
                case "GracefulShutdown" -> {
                    if (!powerState.equals("Off")) { // an OS that is off hears no button
                        change("PoweringOff", "Off");
                    }
                }
                case "ForceRestart", "GracefulRestart" -> {}
                case "Nmi" -> nmis += powerState.equals("On") ? 1 : 0;
                default -> {
                    return new String[] {
                        "400", error("Base.1.8.ActionParameterNotSupported", "Unknown ResetType " + type)
                    };
                }
            }
            return new String[] {"204", ""};
        }
        if (method.equals("PATCH") && path.equals(SYSTEM)) {
            boot = JSON.readTree(body).path("Boot");
            return new String[] {"204", ""};
        }
        return new String[] {"404", error("Base.1.8.ResourceMissingAtURI", "No resource at " + path)};
    }

    private void change(String now, String after) {
        powerState = now;
        next = after;
    }

    private static String error(String id, String message) {
        var root = JSON.createObjectNode();
        var error = root.putObject("error");
        error.put("code", id).put("message", "A general error has occurred. See ExtendedInfo for more information.");
        error.putArray("@Message.ExtendedInfo").addObject().put("MessageId", id).put("Message", message);
        return root.toString();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
