package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.CinderSecret;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/** virsh attach-device and detach-device of a disk and a VF, live and persistent. */
abstract class VirshDeviceTest {

    /** The daemon of the concrete class, with the backend it chose. */
    abstract RunningDaemon daemon();

    /** The disk the tests attach: a Ceph volume with its cinder secret. */
    String diskXml() {
        return Resources.text("domains/disk-rbd.xml");
    }

    @TempDir
    Path dir;

    private Virsh virsh;
    private String disk;
    private String vf;

    @BeforeEach
    void define() throws IOException {
        virsh = new Virsh(daemon().tcpUri("qemu"));
        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        CinderSecret.define(virsh, dir);
        disk = Files.writeString(dir.resolve("disk.xml"), diskXml()).toString();
        vf = Resources.file(dir, "domains/vf.xml").toString();
    }

    @AfterEach
    void undefine() {
        virsh.run("destroy", "web-1");
        virsh.run("undefine", "web-1");
    }

    @Test
    void aDiskAttachedLiveIsOnTheCardWithAnAddressButNotInTheDefinition() {
        virsh.ok("start", "web-1");

        assertEquals("Device attached successfully", virsh.ok("attach-device", "web-1", disk));

        String live = virsh.ok("dumpxml", "web-1");
        assertTrue(live.contains("<serial>vol-0001</serial>"), live);
        assertTrue(live.contains("<alias name='ua-volume-0001'/>"), live);
        assertTrue(
                live.matches("(?s).*<address type='pci' domain='0x0000' bus='0x3b' slot='0x00' function='0x0'/>.*"),
                live);
        assertFalse(virsh.ok("dumpxml", "web-1", "--inactive").contains("vol-0001"));
        assertEquals(
                java.util.List.of("ua-volume-0001"),
                daemon().node("node0").storage().attached());
    }

    @Test
    void aDiskDetachedLiveLeavesTheCard() {
        virsh.ok("start", "web-1");
        virsh.ok("attach-device", "web-1", disk);

        assertEquals("Device detached successfully", virsh.ok("detach-device", "web-1", disk));

        assertFalse(virsh.ok("dumpxml", "web-1").contains("vol-0001"));
        assertTrue(daemon().node("node0").storage().attached().isEmpty());
    }

    @Test
    void persistentAttachGoesToBothAndSurvivesARestart() {
        virsh.ok("start", "web-1");

        virsh.ok("attach-device", "web-1", vf, "--persistent");

        assertTrue(virsh.ok("dumpxml", "web-1").contains("fa:16:3e:11:22:33"));
        assertTrue(virsh.ok("dumpxml", "web-1", "--inactive").contains("fa:16:3e:11:22:33"));
        assertTrue(virsh.ok("dumpxml", "web-1").contains("<alias name='net0'/>"));
        virsh.ok("destroy", "web-1");
        assertTrue(daemon().node("node0").network().attached().isEmpty(), "a stopped server holds no VF");
        virsh.ok("start", "web-1");
        assertEquals(1, daemon().node("node0").network().attached().size());
    }

    @Test
    void configAttachOnAShutOffDomainOnlyChangesTheDefinition() {
        virsh.ok("attach-device", "web-1", disk, "--config");

        assertTrue(virsh.ok("dumpxml", "web-1").contains("<target dev='vdb' bus='virtio'/>"));
        assertTrue(daemon().node("node0").storage().attached().isEmpty());
        virsh.ok("detach-device", "web-1", disk, "--config");
        assertFalse(virsh.ok("dumpxml", "web-1").contains("vdb"));
    }

    @Test
    void liveAttachOnAShutOffDomainIsAnError() {
        Command.Result result = virsh.run("attach-device", "web-1", disk, "--live");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("domain is not running"), result.stderr());
    }

    @Test
    void aDuplicateTargetIsRefusedAndNothingChanges() {
        virsh.ok("start", "web-1");
        virsh.ok("attach-device", "web-1", disk);

        Command.Result again = virsh.run("attach-device", "web-1", disk);
        assertNotEquals(0, again.exitCode());
        assertEquals(1, daemon().node("node0").storage().attached().size());
    }

    @Test
    void detachingAMissingDeviceSaysSo() {
        virsh.ok("start", "web-1");

        Command.Result result = virsh.run("detach-device", "web-1", disk);
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("not found"), result.stderr());
    }

    @Test
    void updatingAnInterfaceReprogramsItsVfWithoutDetachEvents() throws Exception {
        virsh.ok("start", "web-1");
        virsh.ok("attach-device", "web-1", vf, "--persistent");
        Path vlan200 = java.nio.file.Files.writeString(
                dir.resolve("vf-200.xml"), Resources.text("domains/vf.xml").replace("'100'", "'200'"));

        assertEquals(
                "Device updated successfully", virsh.ok("update-device", "web-1", vlan200.toString(), "--persistent"));

        assertTrue(virsh.ok("dumpxml", "web-1").contains("<tag id='200'/>"));
        assertTrue(virsh.ok("dumpxml", "web-1", "--inactive").contains("<tag id='200'/>"));
        assertEquals(1, daemon().node("node0").network().attached().size());
    }

    @Test
    void aVfAttachedToAShutOffDomainPersistentlyIsOnTheCardFromTheNextStart() {
        assertEquals("Device attached successfully", virsh.ok("attach-device", "web-1", vf, "--persistent"));

        assertTrue(virsh.ok("dumpxml", "web-1").contains("<mac address='fa:16:3e:11:22:33'/>"));
        assertTrue(daemon().node("node0").network().attached().isEmpty());
        virsh.ok("start", "web-1");
        assertEquals(1, daemon().node("node0").network().attached().size());
        assertTrue(virsh.ok("dumpxml", "web-1").matches("(?s).*<alias name='net0'/>\\s*<address type='pci' .*"));

        assertEquals("Device detached successfully", virsh.ok("detach-device", "web-1", vf, "--live"));
        assertTrue(daemon().node("node0").network().attached().isEmpty());
        assertTrue(virsh.ok("dumpxml", "web-1", "--inactive").contains("fa:16:3e:11:22:33"), "config keeps it");
    }
}
