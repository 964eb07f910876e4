package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.CinderSecret;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/** Nova's volume detach with python3-libvirt: it completes on the DEVICE_REMOVED event naming the alias. */
class NovaDetachTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Test
    void detachCompletesOnTheDeviceRemovedEvent(@TempDir Path dir) {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        CinderSecret.define(virsh, dir);
        virsh.ok("start", "web-1");

        JsonNode seen = Python.run(
                Duration.ofSeconds(60),
                "nova_detach.py",
                DAEMON.tcpUri("qemu"),
                "web-1",
                Resources.file(dir, "domains/disk-rbd.xml").toString());

        assertTrue(seen.get("aliasInLiveXml").asBoolean());
        assertTrue(seen.get("removedWithinNovasTimeout").asBoolean(), seen.toString());
        assertEquals("[\"ua-volume-0001\"]", seen.get("removedAliases").toString());
        assertFalse(seen.get("liveHasDisk").asBoolean());
        assertFalse(seen.get("configHasDisk").asBoolean());
        assertTrue(DAEMON.node("node0").storage().attached().isEmpty());
        virsh.ok("destroy", "web-1");
        virsh.ok("undefine", "web-1");
    }
}
