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
