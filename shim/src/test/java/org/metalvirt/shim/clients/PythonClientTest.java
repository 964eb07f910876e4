package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/** python3-libvirt (what Nova and ZStack use) against a running daemon. */
abstract class PythonClientTest {

    /** The daemon of the concrete class, with the backend it chose. */
    abstract RunningDaemon daemon();

    @Test
    void novasStartupCallsOverTcp() {
        JsonNode result = Python.run(Duration.ofSeconds(30), "host_calls.py", daemon().tcpUri("qemu"));

        assertEquals("QEMU", result.get("type").asText());
        assertEquals(7_002_000, result.get("version").asLong());
        assertEquals(9_000_000, result.get("libVersion").asLong());
        assertEquals("card-7", result.get("hostname").asText());
        assertEquals("[\"x86_64\",16384,16,2100,2,1,4,2]", result.get("info").toString());
        assertEquals("x86_64", result.get("arch").asText());
        assertEquals(2, result.get("cells").size());
        assertEquals(8388608, result.get("cells").get(0).get("memoryKiB").asLong());
        assertEquals(
                "[0,1,2,3,8,9,10,11]", result.get("cells").get(0).get("cpus").toString());
        assertEquals(0, result.get("secure").asInt());
        assertEquals(0, result.get("domains").size());
        assertEquals(0, result.get("closed").asInt());
    }

    @Test
    void aLocalSocketIsSecureAndTheReadOnlySocketAnswersReads() {
        JsonNode result =
                Python.run(Duration.ofSeconds(30), "host_calls.py", daemon().unixUri("baremetal", true), "ro");

        assertEquals("BAREMETAL", result.get("type").asText());
        assertEquals(1, result.get("secure").asInt());
        assertEquals("card-7", result.get("hostname").asText());
    }
}
