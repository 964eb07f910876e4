package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.DefinedDomain;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * python3-libvirt's virStream on the simulated server's console ({@code console.py}): data both
 * ways, a second open refused, {@code VIR_DOMAIN_CONSOLE_FORCE} taking it over by alias, and
 * libvirt's errors for an unknown device, a channel, an unknown flag and a shut-off domain.
 */
class PythonConsoleTest {

    private static final int INTERNAL_ERROR = 1;
    private static final int INVALID_ARG = 8;
    private static final int OPERATION_FAILED = 9;
    private static final int RPC = 39;
    private static final int OPERATION_INVALID = 55;
    private static final int FROM_QEMU = 10;
    private static final int FROM_STREAMS = 38;

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @RegisterExtension
    final DefinedDomain web = DefinedDomain.running(DAEMON);

    @Test
    void aVirStreamReadsAndWritesTheConsoleAsLibvirtsCharacterDevicesBehave() {
        JsonNode out = Python.run(Duration.ofSeconds(90), "console.py", DAEMON.tcpUri("qemu"), "web-1");

        assertTrue(out.get("answer").asText().contains("sim: node0 got py-hello"), out.toString());
        assertError(out.get("busy"), OPERATION_FAILED, FROM_QEMU, "Active console session exists for this domain");
        assertError(out.get("forced"), RPC, FROM_STREAMS, "stream had I/O failure");
        assertTrue(out.get("devname").asText().contains("sim: node0 got py-devname"), out.toString());
        assertTrue(out.get("finished").asBoolean());
        assertError(out.get("badDevice"), INTERNAL_ERROR, FROM_QEMU, "cannot find character device parallel0");
        assertError(out.get("channel"), INTERNAL_ERROR, FROM_QEMU, "cannot find channel <null>");
        assertError(out.get("flags"), INVALID_ARG, 20, "unsupported flags (0x4) in function virDomainOpenConsole");
    }

    @Test
    void aShutOffDomainHasNoConsoleNorChannel() {
        web.virsh().ok("destroy", "web-1");

        JsonNode out = Python.run(Duration.ofSeconds(60), "console_off.py", DAEMON.tcpUri("qemu"), "web-1");

        assertError(out.get("console"), OPERATION_INVALID, 20, "domain is not running");
        assertError(out.get("channel"), OPERATION_INVALID, 20, "domain is not running");
    }

    private static void assertError(JsonNode error, int code, int domain, String message) {
        assertEquals(code, error.path("code").asInt(), error.toString());
        assertEquals(domain, error.path("domain").asInt(), error.toString());
        assertTrue(error.path("message").asText().contains(message), error.toString());
    }
}
