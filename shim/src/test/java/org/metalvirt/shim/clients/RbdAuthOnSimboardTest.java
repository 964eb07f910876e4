package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.SimBoardDisks;
import org.metalvirt.baremetal.board.SimulatedSpdk;
import org.metalvirt.shim.testing.CinderSecret;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * The RBD disk Nova writes ({@code <auth username='cinder'><secret type='ceph' uuid=…/>}) over
 * {@code simboard}: refused with libvirt's NO_SECRET while its secret is missing or has no value,
 * and once it has one, the key reaches SPDK in the {@code bdev_rbd_create} request body alone.
 */
class RbdAuthOnSimboardTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RunningDaemon::simboard);

    @TempDir
    Path dir;

    @Test
    void theDiskStartsOnlyWithItsSecretAndTheKeyReachesSpdkInTheRequestBody() throws Exception {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        virsh.ok(
                "attach-device",
                "web-1",
                Resources.file(dir, "domains/disk-rbd.xml").toString(),
                "--config");

        Command.Result missing = virsh.run("start", "web-1");
        assertTrue(
                missing.stderr().contains("Secret not found: no secret with matching uuid '" + CinderSecret.UUID + "'"),
                missing.stderr());
        assertEquals("shut off", virsh.ok("domstate", "web-1"));

        virsh.ok("secret-define", Resources.file(dir, "secrets/cinder.xml").toString());
        Command.Result noValue = virsh.run("start", "web-1");
        assertTrue(
                noValue.stderr().contains("Secret not found: secret '" + CinderSecret.UUID + "' does not have a value"),
                noValue.stderr());
        assertTrue(spdk().exchanges().isEmpty(), "nothing reached the card");

        CinderSecret.define(virsh, dir);
        virsh.ok("start", "web-1");
        List<JsonNode> creates = spdk().exchanges().stream()
                .map(SimulatedSpdk.Exchange::request)
                .filter(request -> request.path("method").asText().equals("bdev_rbd_create"))
                .toList();
        assertEquals(1, creates.size(), creates.toString());
        JsonNode params = creates.get(0).path("params");
        assertEquals("cinder", params.path("user_id").asText());
        assertEquals(CinderSecret.KEY, params.path("config").path("key").asText());
        assertEquals("192.0.2.10:6789", params.path("config").path("mon_host").asText());
        String live = virsh.ok("dumpxml", "web-1");
        assertFalse(live.contains(CinderSecret.KEY), "the live XML names the secret, never its value");
        virsh.ok("destroy", "web-1");
        virsh.ok("undefine", "web-1");
    }

    private static SimulatedSpdk spdk() {
        return ((SimBoardDisks) DAEMON.node("node0").storage()).spdk();
    }
}
