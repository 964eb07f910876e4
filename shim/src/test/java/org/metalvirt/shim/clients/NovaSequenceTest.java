package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;

/** python3-libvirt driving one instance the way Nova's libvirt driver does. */
class NovaSequenceTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Test
    void spawnSoftRebootAndDelete(@TempDir Path dir) {
        JsonNode seen = Python.run(
                Duration.ofSeconds(120),
                "nova_boot.py",
                DAEMON.tcpUri("qemu"),
                Resources.file(dir, "domains/web-1.xml").toString());

        assertEquals(-1, seen.get("definedId").asInt());
        assertEquals("[3,1]", seen.get("pausedState").toString(), "paused, by the user");
        assertTrue(seen.get("pausedId").asInt() > 0);
        assertTrue(seen.get("runningReached").asBoolean());
        assertEquals("[1,4194304,4194304,4,0]", seen.get("info").toString());
        assertTrue(seen.get("liveXmlHasId").asBoolean());
        assertEquals(1, seen.get("isActive").asInt());
        assertEquals(1, seen.get("isPersistent").asInt());
        assertTrue(seen.get("shutOffReached").asBoolean());
        assertTrue(seen.get("idChanged").asBoolean());
        assertEquals("[1,1]", seen.get("stateAfterReboot").toString());
        assertEquals("[5,2]", seen.get("stateAfterDestroy").toString());
        assertEquals(42, seen.get("lookupAfterUndefine").asInt());
    }
}
