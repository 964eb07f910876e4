package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * OpenStack Nova's own libvirt driver (python3-nova) stopping and soft-rebooting a server whose OS
 * takes seconds to power off after the ACPI button: what {@code openstack server stop} and
 * {@code openstack server reboot} do to a bare-metal server. Nova takes libvirt's "in shutdown" for
 * off and always destroys after its clean shutdown, so the server must be reported running until
 * its power is confirmed off; the soft reboot waits for a new domain id before it starts the server.
 */
class NovaPowerTest {

    /** Nova's shutdown_timeout for the clean shutdown: ample for an OS that takes 4 s. */
    private static final String SHUTDOWN_TIMEOUT_S = "20";
    /** Short enough that Nova presses the button again while the OS is shutting down. */
    private static final String RETRY_INTERVAL_S = "1";

    @RegisterExtension
    static final RunningDaemon DAEMON =
            new RunningDaemon(config -> config.nodes.get(0).options.put("osShutdownMillis", "4000"));

    /** What Nova's driver did and saw, stopping and then soft-rebooting the server (one run of Nova). */
    private static JsonNode seen;

    private static String told;

    @BeforeAll
    static void stopAndSoftRebootWithNova(@TempDir Path dir) {
        seen = Python.run(
                Duration.ofSeconds(90),
                "nova_power.py",
                DAEMON.tcpUri("qemu"),
                Resources.file(dir, "domains/web-1.xml").toString(),
                SHUTDOWN_TIMEOUT_S,
                RETRY_INTERVAL_S);
        told = seen.toPrettyString();
        assertTrue(seen.get("instanceFound").asBoolean(), "Nova finds the domain by the instance's uuid\n" + told);
    }

    @Test
    void stopLetsTheOsShutDownAndDestroysNothing() {
        assertTrue(seen.get("runningBeforeStop").asBoolean(), told);
        assertEquals(
                "[5,1]",
                seen.get("stateAfterPowerOff").toString(),
                "shut off by the OS's shutdown (5,1), not destroyed mid-shutdown (5,2)\n" + told);
        JsonNode powerOff = seen.get("powerOff");
        assertTrue(powerOff.get("cleanShutdown").asBoolean(), "Nova's clean shutdown completed\n" + told);
        assertTrue(
                powerOff.get("shutdownCalls").asInt() >= 2,
                "Nova pressed the button again while the OS shut down\n" + told);
    }

    @Test
    void softRebootStartsTheServerAgainAsANewDomain() {
        assertTrue(seen.get("runningBeforeReboot").asBoolean(), told);
        assertTrue(seen.get("softRebootReturned").asBoolean(), "Nova's soft reboot succeeded\n" + told);
        assertEquals("[1,1]", seen.get("stateAfterSoftReboot").toString(), "running, booted\n" + told);
        JsonNode reboot = seen.get("softReboot");
        assertTrue(reboot.get("newId").asInt() > 0, told);
        assertNotEquals(reboot.get("oldId").asInt(), reboot.get("newId").asInt(), "a new domain id\n" + told);
    }
}
