package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * One instance's life through OpenStack Nova's own libvirt code (python3-nova): its guest config
 * built with Nova's config classes is defined, started paused and resumed as Nova spawns, soft
 * rebooted and stopped by the driver, and the lifecycle events reach Nova's handler through
 * Nova's Host — STOPPED through Host's own delay, which absorbs the one of the soft reboot.
 */
class NovaGuestTest {

    /** Host holds STOPPED back this long (Nova's 15 s, shortened so the test does not idle). */
    private static final String STOPPED_DELAY_S = "2";

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    private static JsonNode seen;
    private static String told;

    @BeforeAll
    static void liveOneInstanceWithNova() {
        seen = Python.run(Duration.ofSeconds(120), "nova_guest.py", DAEMON.tcpUri("qemu"), STOPPED_DELAY_S);
        told = seen.toPrettyString();
    }

    @Test
    void novasGuestConfigBecomesTheServersDevices() {
        assertTrue(seen.get("definedPersistent").asBoolean(), told);
        String live = seen.get("liveXml").asText();
        assertTrue(live.contains("<cpu mode='host-passthrough'"), live);
        assertTrue(
                live.contains("<alias name='virtio-disk0'/>"),
                "the rbd volume is a virtio-blk device of the card\n" + live);
        assertTrue(live.contains("<alias name='net0'/>"), "the SR-IOV port is a VF of the card\n" + live);
    }

    @Test
    void spawnsPausedThenResumesWithEachEventAtNovasHandler() {
        assertEquals("[3,1]", seen.get("stateWhilePaused").toString(), "paused by the user\n" + told);
        assertEquals("paused", seen.get("novaStateWhilePaused").asText(), told);
        assertTrue(seen.get("runningReached").asBoolean(), told);
        assertTrue(seen.get("spawnEventsReached").asBoolean(), told);
        assertEquals(List.of("Started", "Paused", "Resumed"), names(seen.get("spawnEvents")), told);
    }

    @Test
    void softRebootStartsTheServerAgainAsANewDomain() {
        assertTrue(seen.get("softReboot").get("value").asBoolean(), "Nova's soft reboot succeeded\n" + told);
        JsonNode ids = seen.get("softRebootIds");
        assertNotEquals(ids.get(0).asInt(), ids.get(1).asInt(), "a new domain id\n" + told);
        assertEquals("[1,1]", seen.get("stateAfterSoftReboot").toString(), told);
        assertTrue(seen.get("rebootStartedReached").asBoolean(), told);
        List<String> events = names(seen.get("rebootEvents"));
        assertEquals("Started", events.get(events.size() - 1), "Nova's handler last heard the server started\n" + told);
    }

    @Test
    void powerOffShutsTheServerDownAndNovaHearsItStopped() {
        assertTrue(seen.get("powerOff").get("ok").asBoolean(), told);
        assertEquals("[5,1]", seen.get("stateAfterPowerOff").toString(), "shut off by its OS\n" + told);
        assertEquals("shutdown", seen.get("novaStateAfterPowerOff").asText(), told);
        assertTrue(seen.get("stoppedReached").asBoolean(), "STOPPED came through Host's delayed path\n" + told);
    }

    private static List<String> names(JsonNode events) {
        return java.util.stream.StreamSupport.stream(events.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
