package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/** virsh's pool and volume commands on a dir pool of real image files, made by qemu-img. */
class VirshStoragePoolTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @TempDir
    Path tmp;

    @Test
    void aDirPoolIsDefinedBuiltStartedFilledAndTakenApart() throws IOException {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        Path dir = tmp.resolve("images");
        virsh.ok("pool-define-as", "images", "dir", "--target", dir.toString());
        assertTrue(virsh.ok("pool-list", "--all").matches("(?s).*images\\s+inactive\\s+no.*"));

        virsh.ok("pool-build", "images");
        assertTrue(Files.isDirectory(dir));
        virsh.ok("pool-start", "images");
        String info = virsh.ok("pool-info", "images");
        assertTrue(info.matches("(?s).*State:\\s+running.*Persistent:\\s+yes.*"), info);

        virsh.ok("vol-create-as", "images", "boot.qcow2", "64M", "--format", "qcow2");
        virsh.ok("vol-create-as", "images", "data.img", "16M");
        Path boot = dir.resolve("boot.qcow2");
        String qemuImg = Command.run(java.time.Duration.ofSeconds(30), "qemu-img", "info", boot.toString())
                .assertSuccess()
                .stdout();
        assertTrue(qemuImg.contains("file format: qcow2") && qemuImg.contains("64 MiB"), qemuImg);
        assertTrue(virsh.ok("vol-list", "images").contains("boot.qcow2"));
        assertTrue(virsh.ok("vol-info", "--pool", "images", "boot.qcow2").matches("(?s).*Capacity:\\s+64\\.00 MiB.*"));
        assertEquals(boot.toString(), virsh.ok("vol-path", "--pool", "images", "boot.qcow2"));
        String volXml = virsh.ok("vol-dumpxml", "--pool", "images", "boot.qcow2");
        assertTrue(volXml.contains("<format type='qcow2'/>") || volXml.contains("<format type=\"qcow2\"/>"), volXml);
        assertTrue(virsh.ok("vol-info", boot.toString()).contains("boot.qcow2"), "lookup by path");
        String poolXml = virsh.ok("pool-dumpxml", "images");
        assertTrue(poolXml.contains("<path>" + dir + "</path>"), poolXml);

        // A name that would leave the pool's directory is refused, as libvirt refuses it.
        Command.Result escape = virsh.run("vol-create-as", "images", "../escape.img", "1M");
        assertTrue(escape.exitCode() != 0);
        assertTrue(escape.stderr().contains("cannot contain '/'"), escape.stderr());
        assertFalse(Files.exists(tmp.resolve("escape.img")));

        // A file gone underneath is reported, not shown as it was.
        Files.delete(dir.resolve("data.img"));
        Command.Result gone = virsh.run("vol-info", "--pool", "images", "data.img");
        assertTrue(gone.stderr().contains("No such file or directory"), gone.stderr());
        virsh.ok("pool-refresh", "images");
        assertFalse(virsh.ok("vol-list", "images").contains("data.img"));

        virsh.ok("vol-delete", "--pool", "images", "boot.qcow2");
        assertFalse(Files.exists(boot));
        Command.Result stillActive = virsh.run("pool-undefine", "images");
        assertTrue(stillActive.stderr().contains("storage pool 'images' is still active"), stillActive.stderr());
        virsh.ok("pool-destroy", "images");
        Command.Result inactive = virsh.run("vol-list", "images");
        assertTrue(inactive.stderr().contains("storage pool 'images' is not active"), inactive.stderr());
        virsh.ok("pool-delete", "images");
        assertFalse(Files.exists(dir));
        virsh.ok("pool-undefine", "images");
        Command.Result none = virsh.run("pool-info", "images");
        assertTrue(
                none.stderr().contains("Storage pool not found: no storage pool with matching name 'images'"),
                none.stderr());
    }

    @Test
    void volumePermissionsAndBackingStoresAreMadeAndShownAsLibvirtDoes() throws IOException {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        Path dir = tmp.resolve("overlays");
        virsh.ok("pool-define-as", "overlays", "dir", "--target", dir.toString());
        virsh.ok("pool-build", "overlays");
        virsh.ok("pool-start", "overlays");
        try {
            // No <permissions>: libvirt's 0600, and the file's owner and group as found.
            virsh.ok("vol-create-as", "overlays", "base.img", "8M");
            Path base = dir.resolve("base.img");
            assertEquals(0600, mode(base));
            String baseXml = virsh.ok("vol-dumpxml", "--pool", "overlays", "base.img");
            assertTrue(baseXml.contains("<mode>0600</mode>") && baseXml.contains("<owner>0</owner>"), baseXml);

            // CloudStack's shape: a qcow2 overlay of a template, no capacity (the backing image's), mode 0744.
            Path xml = Files.writeString(tmp.resolve("overlay.xml"), """
                    <volume>
                      <name>disk.qcow2</name>
                      <target>
                        <format type='qcow2'/>
                        <permissions><mode>0744</mode><owner>107</owner><group>107</group></permissions>
                      </target>
                      <backingStore><path>%s</path><format type='raw'/></backingStore>
                    </volume>
                    """.formatted(base));
            virsh.ok("vol-create", "overlays", xml.toString());
            Path overlay = dir.resolve("disk.qcow2");
            assertEquals(0744, mode(overlay));
            assertEquals(107, Files.getAttribute(overlay, "unix:uid"));
            assertEquals(107, Files.getAttribute(overlay, "unix:gid"));
            String info = Command.run(Duration.ofSeconds(30), "qemu-img", "info", overlay.toString())
                    .assertSuccess()
                    .stdout();
            assertTrue(info.contains("backing file: " + base) && info.contains("backing file format: raw"), info);
            String overlayXml = virsh.ok("vol-dumpxml", "--pool", "overlays", "disk.qcow2");
            assertTrue(
                    overlayXml
                            .replace('"', '\'')
                            .matches("(?s).*<capacity unit='bytes'>8388608</capacity>.*"
                                    + "<permissions>\\s*<mode>0744</mode>\\s*<owner>107</owner>\\s*<group>107</group>.*"
                                    + "<backingStore>\\s*<path>" + base + "</path>\\s*<format type='raw'/>.*"),
                    overlayXml);
            assertValidVolume(overlayXml);
            assertTrue(virsh.ok("vol-info", "--pool", "overlays", "disk.qcow2")
                    .matches("(?s).*Capacity:\\s+8\\.00 MiB.*"));

            // virsh's own way: --backing-vol names the volume, whose path becomes the backing store.
            virsh.ok(
                    "vol-create-as",
                    "overlays",
                    "second.qcow2",
                    "16M",
                    "--format",
                    "qcow2",
                    "--backing-vol",
                    "base.img",
                    "--backing-vol-format",
                    "raw");
            assertTrue(virsh.ok("vol-dumpxml", "--pool", "overlays", "second.qcow2")
                    .contains("<path>" + base + "</path>"));

            // libvirt's refusals: a raw file has no backing store; the backing image must be there.
            assertTrue(virsh.run(
                            "vol-create-as",
                            "overlays",
                            "raw.img",
                            "8M",
                            "--backing-vol",
                            base.toString(),
                            "--backing-vol-format",
                            "raw")
                    .stderr()
                    .contains("backing storage not supported for raw volumes"));
            // (virsh itself refuses a --backing-vol it cannot find, so the XML names it.)
            Path orphan = Files.writeString(
                    tmp.resolve("orphan.xml"),
                    Files.readString(xml)
                            .replace("disk.qcow2", "orphan.qcow2")
                            .replace(base.toString(), dir.resolve("nope.img").toString()));
            String missing =
                    virsh.run("vol-create", "overlays", orphan.toString()).stderr();
            assertTrue(
                    missing.contains("inaccessible backing store volume " + dir.resolve("nope.img")
                            + ": No such file or directory"),
                    missing);
            Path badMode = Files.writeString(
                    tmp.resolve("bad.xml"),
                    "<volume><name>bad.img</name><capacity>1024</capacity>"
                            + "<target><permissions><mode>0999</mode></permissions></target></volume>");
            assertTrue(virsh.run("vol-create", "overlays", badMode.toString())
                    .stderr()
                    .contains("malformed octal mode"));
            assertFalse(Files.exists(dir.resolve("orphan.qcow2")) || Files.exists(dir.resolve("raw.img")));
        } finally {
            virsh.ok("pool-destroy", "overlays");
            virsh.ok("pool-undefine", "overlays");
        }
    }

    private static int mode(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:mode") & 0777;
    }

    /** libvirt's own schema accepts the volume's XML, checked with xmllint. */
    private void assertValidVolume(String xml) throws IOException {
        Path file = Files.writeString(tmp.resolve("vol.xml"), xml);
        Command.Result result = Command.run(
                Duration.ofSeconds(30),
                "xmllint",
                "--noout",
                "--relaxng",
                "/usr/share/libvirt/schemas/storagevol.rng",
                file.toString());
        assertEquals(0, result.exitCode(), result.toString());
    }

    @Test
    void aPoolWhoseDirectoryIsMissingFailsToStartAndStaysInactive() {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        Path dir = tmp.resolve("never-built");
        virsh.ok("pool-define-as", "missing", "dir", "--target", dir.toString());
        Command.Result start = virsh.run("pool-start", "missing");
        assertTrue(start.exitCode() != 0);
        assertTrue(
                start.stderr().contains("cannot open path '" + dir + "': No such file or directory"), start.stderr());
        assertTrue(virsh.ok("pool-info", "missing").matches("(?s).*State:\\s+inactive.*"));
        virsh.ok("pool-undefine", "missing");
    }

    @Test
    void poolEventLoopSeesEveryLifecycleChangeAndRefresh() throws Exception {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        int before = DAEMON.daemon().events().registrations();
        try (LineWatcher lifecycle = poolEvents("lifecycle");
                LineWatcher refresh = poolEvents("refresh")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> DAEMON.daemon().events().registrations() >= before + 2);
            virsh.ok(
                    "pool-define-as",
                    "watched",
                    "dir",
                    "--target",
                    tmp.resolve("watched").toString());
            virsh.ok("pool-build", "watched");
            virsh.ok("pool-start", "watched");
            virsh.ok("pool-refresh", "watched");
            virsh.ok("pool-destroy", "watched");
            virsh.ok("pool-delete", "watched");
            virsh.ok("pool-undefine", "watched");

            List<String> lines = lifecycle.awaitLine(line -> line.contains("Undefined"), Duration.ofSeconds(30));
            assertEquals(
                    List.of(
                            "event 'lifecycle' for storage pool watched: Defined",
                            "event 'lifecycle' for storage pool watched: Created",
                            "event 'lifecycle' for storage pool watched: Started",
                            "event 'lifecycle' for storage pool watched: Stopped",
                            "event 'lifecycle' for storage pool watched: Deleted",
                            "event 'lifecycle' for storage pool watched: Undefined"),
                    lines.stream().filter(line -> line.startsWith("event ")).toList());
            assertEquals(
                    List.of("event 'refresh' for storage pool watched"),
                    refresh.awaitLine(line -> line.startsWith("event "), Duration.ofSeconds(30)).stream()
                            .filter(line -> line.startsWith("event "))
                            .toList());
        }
        // A registration for one pool checks that the pool exists, as libvirt does.
        Command.Result unknown = virsh.run("pool-event", "--pool", "nosuch", "--event", "lifecycle", "--timeout", "1");
        assertTrue(unknown.stderr().contains("no storage pool with matching name 'nosuch'"), unknown.stderr());
    }

    private static LineWatcher poolEvents(String event) {
        return LineWatcher.start(
                "virsh", "-c", DAEMON.tcpUri("qemu"), "pool-event", "--event", event, "--loop", "--timeout", "120");
    }

    @Test
    void aVolumeDiskIsResolvedWhenItsDomainStartsNotWhenDefined() throws IOException {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        Path dir = tmp.resolve("boot-images");
        String disk = "<disk type='volume' device='disk'><source pool='boot-images' volume='boot.qcow2'/>"
                + "<target dev='vda' bus='virtio'/></disk>";
        virsh.ok("define", Resources.domainWith(tmp, "vol-1", disk).toString());

        assertTrue(virsh.run("start", "vol-1").stderr().contains("no storage pool with matching name 'boot-images'"));
        virsh.ok("pool-define-as", "boot-images", "dir", "--target", dir.toString());
        virsh.ok("pool-build", "boot-images");
        String inactive = virsh.run("start", "vol-1").stderr();
        assertTrue(
                inactive.contains("storage pool 'boot-images' containing volume 'boot.qcow2' is not active"), inactive);
        virsh.ok("pool-start", "boot-images");
        String missing = virsh.run("start", "vol-1").stderr();
        assertTrue(missing.contains("no storage vol with matching name 'boot.qcow2'"), missing);

        // A dir pool's volume is its image file: the start answers what a type='file' disk of it gets.
        virsh.ok("vol-create-as", "boot-images", "boot.qcow2", "16M", "--format", "qcow2");
        String fileDisk = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>" + "<source file='"
                + dir.resolve("boot.qcow2") + "'/><target dev='vda' bus='virtio'/></disk>";
        virsh.ok("define", Resources.domainWith(tmp, "file-1", fileDisk).toString());
        Command.Result asVolume = virsh.run("start", "vol-1");
        String volumeState = virsh.ok("domstate", "vol-1");
        virsh.run("destroy", "vol-1"); // one server: the two domains take turns
        Command.Result asFile = virsh.run("start", "file-1");
        assertEquals(asFile.exitCode(), asVolume.exitCode(), asFile + "\n" + asVolume);
        assertEquals(errorLine(asFile.stderr()), errorLine(asVolume.stderr()));
        assertEquals(virsh.ok("domstate", "file-1"), volumeState);
        virsh.run("destroy", "file-1");
        virsh.ok("undefine", "file-1");
        virsh.ok("undefine", "vol-1");
        virsh.ok("pool-destroy", "boot-images");
        String notEmpty = virsh.run("pool-delete", "boot-images").stderr();
        assertTrue(notEmpty.contains("failed to remove pool '" + dir + "': Directory not empty"), notEmpty);
        Files.delete(dir.resolve("boot.qcow2"));
        virsh.ok("pool-delete", "boot-images");
        virsh.ok("pool-undefine", "boot-images");
    }

    /** virsh's "error: ..." line that carries the daemon's message. */
    /** The reason a start was refused, without the line naming the domain. */
    private static String errorLine(String stderr) {
        return stderr.lines()
                .filter(line -> !line.contains("Failed to start"))
                .findFirst()
                .orElse("");
    }
}
