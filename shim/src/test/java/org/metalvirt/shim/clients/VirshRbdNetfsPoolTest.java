package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.baremetal.pool.CardPools;
import org.metalvirt.baremetal.sim.SimBlockStorage;
import org.metalvirt.baremetal.testing.RecordingRunner;
import org.metalvirt.node.DiskCredentials;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.shim.testing.FakeCeph;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;
import org.metalvirt.storage.PoolAuth;
import org.metalvirt.storage.PoolDrivers;

/**
 * virsh over the pools whose source is on the network, with the card's programs faked at the
 * command seam: an {@code rbd} pool on a Ceph cluster ({@code rbd} and {@code ceph} answered by
 * {@link FakeCeph}, the key only ever in a 0600 keyring) and a {@code netfs} pool whose
 * {@code mount}/{@code umount} are faked (the images on it are real, made by qemu-img).
 */
class VirshRbdNetfsPoolTest {

    private static final String SECRET_UUID = "2a5b08e6-7f5c-4e1a-9a3c-0b6f3c1d2e4f";
    private static final byte[] RAW_KEY =
            "metalvirt-test-ceph-key-0001".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final String KEY = Base64.getEncoder().encodeToString(RAW_KEY);
    private static final FakeCeph CEPH = new FakeCeph("mon1.example:6789,mon2.example:6789", "libvirt", KEY, "volumes");
    private static final Path MOUNTS = tempFile();
    private static final ExecCommandRunner REAL = new ExecCommandRunner();
    private static final RecordingRunner RUNNER = new RecordingRunner().answering(VirshRbdNetfsPoolTest::answer);

    @RegisterExtension
    static final RunningDaemon DAEMON =
            new RunningDaemon(new PoolDrivers(CardPools.drivers(RUNNER, VirshRbdNetfsPoolTest::secret, MOUNTS)));

    @TempDir
    Path tmp;

    @Test
    void anRbdPoolListsCreatesAndDeletesImagesWithTheKeyInAKeyringOnly() throws IOException {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        Path xml = rbdPoolXml("ceph");
        virsh.ok("pool-define", xml.toString());
        RUNNER.clear();
        virsh.ok("pool-start", "ceph");
        String cluster = "-m mon1.example:6789,mon2.example:6789 --id libvirt --keyring KEYRING ";
        assertEquals(
                List.of(
                        "rbd " + cluster + "ls volumes",
                        "ceph " + cluster + "df --format json",
                        "rbd " + cluster + "ls -l --format json volumes"),
                lines());
        assertTrue(
                virsh.ok("pool-info", "ceph").matches("(?s).*Capacity:\\s+100\\.00 GiB.*Available:\\s+60\\.00 GiB.*"));

        RUNNER.clear();
        virsh.ok("vol-create-as", "ceph", "disk1", "1G");
        assertEquals(
                List.of(
                        "rbd " + cluster + "create --size 1024 volumes/disk1",
                        "rbd " + cluster + "info --format json volumes/disk1"),
                lines());
        assertEquals(Long.valueOf(1L << 30), CEPH.images().get("disk1"));
        assertTrue(virsh.ok("vol-list", "ceph").matches("(?s).*disk1\\s+volumes/disk1.*"));
        assertTrue(virsh.ok("vol-info", "--pool", "ceph", "disk1")
                .matches("(?s).*Type:\\s+network.*Capacity:\\s+1\\.00 GiB.*"));
        assertTrue(virsh.run("vol-create-as", "ceph", "disk2", "1G", "--format", "qcow2")
                .stderr()
                .contains("RBD images are raw"));
        String dumped = virsh.ok("pool-dumpxml", "ceph");
        assertTrue(dumped.contains(SECRET_UUID) && !dumped.contains(KEY), dumped);

        RUNNER.clear();
        virsh.ok("vol-delete", "--pool", "ceph", "disk1");
        assertEquals(List.of("rbd " + cluster + "rm --no-progress volumes/disk1"), lines());
        assertTrue(CEPH.images().isEmpty());
        assertFalse(virsh.ok("vol-list", "ceph").contains("disk1"));

        virsh.ok("pool-destroy", "ceph");
        virsh.ok("pool-undefine", "ceph");
        assertEquals(List.of(), CEPH.violations());
        assertFalse(CEPH.keyrings().isEmpty());
        assertTrue(CEPH.keyrings().stream().noneMatch(Files::exists), "each keyring is removed after its command");
    }

    @Test
    void aNetfsPoolIsMountedAtStartAndUnmountedAtDestroy() {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        Path dir = tmp.resolve("primary");
        virsh.ok(
                "pool-define-as",
                "nfs",
                "netfs",
                "--source-host",
                "nfs.example",
                "--source-path",
                "/export/primary",
                "--target",
                dir.toString());
        virsh.ok("pool-build", "nfs");
        RUNNER.clear();
        virsh.ok("pool-start", "nfs");
        assertEquals(
                List.of("mount -t nfs -o nodev,nosuid,noexec nfs.example:/export/primary " + dir), mountCommands());
        virsh.ok("vol-create-as", "nfs", "root.qcow2", "16M", "--format", "qcow2");
        assertTrue(Files.isRegularFile(dir.resolve("root.qcow2")));

        RUNNER.clear();
        virsh.ok("pool-destroy", "nfs");
        assertEquals(List.of("umount " + dir), mountCommands());

        // A share already mounted on the target is used as it is.
        fakeMount(List.of("mount", "nfs.example:/export/primary", dir.toString()));
        RUNNER.clear();
        virsh.ok("pool-start", "nfs");
        assertEquals(List.of(), mountCommands());
        assertTrue(virsh.ok("vol-list", "nfs").contains("root.qcow2"));
        virsh.ok("pool-destroy", "nfs");
        virsh.ok("pool-undefine", "nfs");
    }

    @Test
    void aNetfsPoolWhoseServerRefusesStaysInactiveWithTheReason() {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        Path dir = tmp.resolve("down");
        virsh.ok(
                "pool-define-as",
                "down",
                "netfs",
                "--source-host",
                "down.example",
                "--source-path",
                "/export",
                "--target",
                dir.toString());
        virsh.ok("pool-build", "down");
        String error = virsh.run("pool-start", "down").stderr();
        assertTrue(
                error.contains("cannot mount down.example:/export on " + dir + ": mount.nfs: Connection refused"),
                error);
        assertTrue(virsh.ok("pool-info", "down").matches("(?s).*State:\\s+inactive.*"));
        virsh.ok("pool-undefine", "down");
    }

    private static CommandResult answer(Command command) {
        return switch (command.argv().get(0)) {
            case "rbd", "ceph" -> CEPH.run(command);
            case "mount", "umount" -> fakeMount(command.argv());
            default -> REAL.run(command);
        };
    }

    /** mount(8) and umount(8) for NFS, as {@code /proc/self/mounts} then shows them. */
    private static synchronized CommandResult fakeMount(List<String> argv) {
        try {
            String target = argv.get(argv.size() - 1);
            List<String> mounted = Files.readAllLines(MOUNTS);
            if (argv.get(0).equals("umount")) {
                mounted.removeIf(line -> line.split(" ")[1].equals(target));
            } else if (argv.get(argv.size() - 2).startsWith("down.example:")) {
                return CommandResult.failure(32, "mount.nfs: Connection refused\n");
            } else {
                mounted.add(argv.get(argv.size() - 2) + " " + target + " nfs4 rw,nosuid,nodev,noexec 0 0");
            }
            Files.write(MOUNTS, mounted);
            return CommandResult.ok("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] secret(PoolAuth auth) {
        if (!auth.uuid().orElse("").equals(SECRET_UUID)) {
            throw new IllegalArgumentException("no secret " + auth);
        }
        return RAW_KEY.clone();
    }

    /** The commands run, a keyring's path shown as KEYRING. */
    private static List<String> lines() {
        return RUNNER.lines().stream()
                .map(line -> line.replaceAll("--keyring \\S+", "--keyring KEYRING"))
                .toList();
    }

    private static List<String> mountCommands() {
        return RUNNER.lines().stream()
                .filter(line -> line.startsWith("mount ") || line.startsWith("umount "))
                .collect(Collectors.toList());
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("metalvirt-mounts", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anRbdVolumeDiskGivesTheCardWhatTheEquivalentNetworkDiskGivesAtStartAndHotPlug() throws IOException {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        virsh.ok("pool-define", rbdPoolXml("rbdvols").toString());
        virsh.ok("pool-start", "rbdvols");
        virsh.ok("vol-create-as", "rbdvols", "disk1", "1G");
        virsh.ok("vol-create-as", "rbdvols", "disk2", "1G");

        String volumeDisk = "<disk type='volume' device='disk'><source pool='rbdvols' volume='disk1'/>"
                + "<target dev='vda' bus='virtio'/></disk>";
        virsh.ok("define", Resources.domainWith(tmp, "rbd-vol", volumeDisk).toString());
        // The card's disk gets its key from the daemon's secret store, as the pool's driver does.
        Path secretXml = Files.writeString(
                tmp.resolve("rbd-secret.xml"),
                "<secret ephemeral='no' private='no'><uuid>" + SECRET_UUID + "</uuid>"
                        + "<usage type='ceph'><name>client.libvirt rbdvols</name></usage></secret>");
        virsh.ok("secret-define", secretXml.toString());
        Path key = Files.writeString(tmp.resolve("rbd.key"), Base64.getEncoder().encodeToString(RAW_KEY));
        virsh.ok("secret-set-value", SECRET_UUID, "--file", key.toString());
        virsh.ok("start", "rbd-vol");
        VirtioBlkDisk fromVolume = card().disk("vda").orElseThrow();
        assertEquals(
                new VirtioBlkDisk(
                        "vda",
                        Optional.empty(),
                        "rbd",
                        "volumes/disk1",
                        List.of("mon1.example:6789", "mon2.example:6789"),
                        Optional.of("type=ceph,uuid=" + SECRET_UUID + ",username=libvirt"),
                        false,
                        Optional.empty(),
                        Optional.of(new DiskCredentials(Optional.of("libvirt"), "ceph", RAW_KEY))),
                fromVolume);
        // The live XML stays the agent's: the disk is still the pool's volume.
        assertTrue(virsh.ok("dumpxml", "rbd-vol").contains("<source pool='rbdvols' volume='disk1'/>"));

        // Hot-plugged, a volume disk is resolved then too.
        Path plugged = Files.writeString(
                tmp.resolve("plug.xml"),
                "<disk type='volume' device='disk'><source pool='rbdvols' volume='disk2'/>"
                        + "<target dev='vdb' bus='virtio'/></disk>");
        virsh.ok("attach-device", "rbd-vol", plugged.toString(), "--live");
        assertEquals("volumes/disk2", card().disk("vdb").orElseThrow().target());
        Path unknown = Files.writeString(
                tmp.resolve("unknown.xml"),
                "<disk type='volume' device='disk'><source pool='rbdvols' volume='nosuch'/>"
                        + "<target dev='vdc' bus='virtio'/></disk>");
        String refused = virsh.run("attach-device", "rbd-vol", unknown.toString(), "--live")
                .stderr();
        assertTrue(refused.contains("no storage vol with matching name 'nosuch'"), refused);
        virsh.ok("destroy", "rbd-vol");
        assertTrue(card().disk("vda").isEmpty());

        String networkDisk = "<disk type='network' device='disk'><source protocol='rbd' name='volumes/disk1'>"
                + "<host name='mon1.example' port='6789'/><host name='mon2.example' port='6789'/></source>"
                + "<auth username='libvirt'><secret type='ceph' uuid='" + SECRET_UUID + "'/></auth>"
                + "<target dev='vda' bus='virtio'/></disk>";
        virsh.ok("define", Resources.domainWith(tmp, "rbd-net", networkDisk).toString());
        virsh.ok("start", "rbd-net");
        assertEquals(card().disk("vda").orElseThrow(), fromVolume);
        virsh.ok("destroy", "rbd-net");

        virsh.ok("undefine", "rbd-vol");
        virsh.ok("undefine", "rbd-net");
        virsh.ok("vol-delete", "--pool", "rbdvols", "disk1");
        virsh.ok("vol-delete", "--pool", "rbdvols", "disk2");
        virsh.ok("pool-destroy", "rbdvols");
        virsh.ok("pool-undefine", "rbdvols");
    }

    private Path rbdPoolXml(String name) throws IOException {
        return Files.writeString(tmp.resolve(name + ".xml"), """
                <pool type='rbd'>
                  <name>%s</name>
                  <source>
                    <name>volumes</name>
                    <host name='mon1.example' port='6789'/>
                    <host name='mon2.example' port='6789'/>
                    <auth type='ceph' username='libvirt'><secret uuid='%s'/></auth>
                  </source>
                </pool>
                """.formatted(name, SECRET_UUID));
    }

    /** What the simulated card was given for each disk. */
    private static SimBlockStorage card() {
        return (SimBlockStorage) DAEMON.node("node0").storage();
    }
}
