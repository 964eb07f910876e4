package org.metalvirt.shim.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Virsh;

/** {@code log: {format: json}}: the daemon, as its own process, writes one JSON object per line. */
class JsonLogTest {

    @Test
    void everyLineIsAJsonObjectWithLevelLoggerAndTheFilledInMessage(@TempDir Path dir) throws Exception {
        Path config = DaemonProcess.oneServerConfig(dir);
        Files.writeString(config, Files.readString(config) + "log: {format: json}\n");
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            new Virsh(daemon.uri()).ok("list", "--all");

            ObjectMapper json = new ObjectMapper();
            // Logback's own status lines ("... |-INFO in ...") are not events: it prints them on the
            // test class path, which holds two logback-test.xml files.
            List<String> lines = daemon.log()
                    .lines()
                    .filter(line -> !line.isBlank() && !line.contains(" |-"))
                    .toList();
            assertTrue(lines.size() >= 2, daemon.log());
            for (String line : lines) {
                JsonNode event = parse(json, line);
                assertTrue(event.isObject(), line);
                assertTrue(event.has("timestamp") && event.has("level") && event.has("loggerName"), line);
            }
            JsonNode listening = json.readTree(lines.stream()
                    .filter(line -> line.contains("listening on"))
                    .findFirst()
                    .orElseThrow());
            assertEquals("INFO", listening.get("level").asText());
            assertEquals(
                    "org.metalvirt.shim.server.Daemon",
                    listening.get("loggerName").asText());
            assertTrue(listening
                    .get("formattedMessage")
                    .asText()
                    .contains("(read-only " + dir.resolve("sock-ro") + ", admin "));
        }
    }

    private static JsonNode parse(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }
}
