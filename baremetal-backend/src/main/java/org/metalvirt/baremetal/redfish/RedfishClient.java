package org.metalvirt.baremetal.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.metalvirt.error.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to one Redfish service: basic authentication (the header is built from the
 * password file and never logged), errors turned into {@code VirtException}s carrying the
 * service's own Redfish error message.
 */
final class RedfishClient {

    private static final Logger LOG = LoggerFactory.getLogger(RedfishClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedfishSettings settings;
    private final HttpClient http;
    private volatile String systemPath;

    RedfishClient(RedfishSettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.requestTimeout());
        if (settings.insecure()) {
            builder.sslContext(Insecure.context());
        }
        this.http = builder.build();
        this.systemPath = settings.system().orElse(null);
    }

    /** The ComputerSystem's path, found once from the Systems collection unless configured. */
    String system() {
        String path = systemPath;
        if (path == null) {
            JsonNode members = get("/redfish/v1/Systems").path("Members");
            if (!members.isArray() || members.isEmpty()) {
                throw Failures.failed("Redfish service " + settings.url() + " lists no ComputerSystem");
            }
            path = members.get(0).path("@odata.id").asText();
            systemPath = path;
        }
        return path;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    JsonNode patch(String path, JsonNode body) {
        return send("PATCH", path, body);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        URI uri = settings.url().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .header("Authorization", authorization());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        LOG.debug("Redfish {} {}{}", method, uri, body == null ? "" : " " + body);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw Failures.timeout("Redfish " + method + " " + uri + " got no answer within "
                    + settings.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            throw Failures.failed("Redfish " + method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            throw Failures.interrupted("waiting for Redfish " + method + " " + uri, e);
        }
        int status = response.statusCode();
        if (status >= 400) {
            throw Failures.failed(
                    "Redfish " + method + " " + uri + " answered " + status + ": " + errorMessage(response.body()));
        }
        if (response.body().isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw Failures.failed("Redfish " + method + " " + uri + " answered something that is not JSON", e);
        }
    }

    /** The message of a Redfish error body ({@code error.message} and its extended info), or the raw body. */
    static String errorMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            StringBuilder message = new StringBuilder(error.path("message").asText(""));
            for (JsonNode info : error.path("@Message.ExtendedInfo")) {
                String text = info.path("Message").asText("");
                if (!text.isEmpty()) {
                    message.append(message.length() == 0 ? "" : "; ").append(text);
                }
            }
            if (message.length() > 0) {
                return message.toString();
            }
        } catch (IOException | RuntimeException e) {
            // not a Redfish error body: show it as it came
        }
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private String authorization() {
        String password;
        try {
            password = Files.readString(settings.passwordFile(), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            throw Failures.failed(
                    "cannot read the Redfish password file " + settings.passwordFile() + ": " + e.getMessage());
        }
        String credentials = settings.user() + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    static ObjectMapper json() {
        return JSON;
    }
}
