package org.metalvirt.baremetal.smartnic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.testing.RecordingRunner;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DiskCredentials;
import org.metalvirt.node.VirtioBlkDisk;

/** The vDPA provider's exact command lines for each protocol, attach and detach. */
class VdpaProviderTest {

    private static final List<String> FUNCTIONS = List.of("0000:3b:00.2", "0000:3b:00.3");

    @TempDir
    Path state;

    private final RecordingRunner runner = new RecordingRunner();

    private SmartNicBlockStorage storage() {
        return new SmartNicBlockStorage("n1", FUNCTIONS, new VdpaProvider(runner, FUNCTIONS), state);
    }

    private static VirtioBlkDisk disk(String id, String protocol, String target, List<String> hosts) {
        return new VirtioBlkDisk(id, Optional.empty(), protocol, target, hosts, Optional.empty(), false);
    }

    @Test
    void iscsiLogsInThenAddsTheVdpaDeviceAndUndoesBothOnDetach() {
        SmartNicBlockStorage disks = storage();
        assertEquals(
                "0000:3b:00.2",
                disks.attach(disk("vda", "iscsi", "iqn.2024-01.org.example:vol1/1", List.of("192.0.2.10"))));
        disks.detach("vda");
        assertEquals(
                List.of(
                        "iscsiadm -m discovery -t sendtargets -p 192.0.2.10:3260",
                        "iscsiadm -m node -T iqn.2024-01.org.example:vol1 -p 192.0.2.10:3260 --login",
                        "vdpa dev add name mvblk0 mgmtdev pci/0000:3b:00.2",
                        "vdpa dev del mvblk0",
                        "iscsiadm -m node -T iqn.2024-01.org.example:vol1 -p 192.0.2.10:3260 --logout"),
                runner.lines());
    }

    @Test
    void nvmeOfAndRbdUseTheirOwnTools() {
        SmartNicBlockStorage disks = storage();
        disks.attach(disk("vda", "nvme-of", "nqn.2024-01.org.example:vol2", List.of("192.0.2.11:4421")));
        assertEquals(
                "0000:3b:00.3",
                disks.attach(new VirtioBlkDisk(
                        "vdb",
                        Optional.empty(),
                        "rbd",
                        "pool/image",
                        List.of("192.0.2.21:6789", "192.0.2.22:6789"),
                        Optional.empty(),
                        true)));
        disks.detach("vda");
        disks.detach("vdb");
        assertEquals(
                List.of(
                        "nvme connect -t tcp -a 192.0.2.11 -s 4421 -n nqn.2024-01.org.example:vol2",
                        "vdpa dev add name mvblk0 mgmtdev pci/0000:3b:00.2",
                        "rbd map pool/image -m 192.0.2.21:6789,192.0.2.22:6789 --read-only",
                        "vdpa dev add name mvblk1 mgmtdev pci/0000:3b:00.3",
                        "vdpa dev del mvblk0",
                        "nvme disconnect -n nqn.2024-01.org.example:vol2",
                        "vdpa dev del mvblk1",
                        "rbd unmap pool/image"),
                runner.lines());
    }

    @Test
    void aFailedVdpaAddDetachesTheVolumeAgainAndTakesNoFunction() {
        runner.answering(command -> command.argv().get(0).equals("vdpa")
                ? CommandResult.failure(1, "kernel answers: Operation not supported")
                : CommandResult.ok(""));
        SmartNicBlockStorage disks = storage();
        VirtException failed = assertThrows(
                VirtException.class, () -> disks.attach(disk("vda", "nvme-of", "nqn.x:1", List.of("192.0.2.11"))));
        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
        assertEquals("nvme disconnect -n nqn.x:1", runner.lines().get(2));
        assertEquals(List.of(), disks.attached());
    }

    @Test
    void disksSurviveARestartAndTheFunctionsRunOut() {
        storage().attach(disk("vda", "block", "/dev/nvme0n1", List.of()));
        storage().attach(disk("vdb", "block", "/dev/nvme1n1", List.of()));
        SmartNicBlockStorage restarted = storage();
        assertEquals(List.of("vda", "vdb"), restarted.attached());
        assertEquals(
                ErrorNumber.OPERATION_FAILED,
                assertThrows(
                                VirtException.class,
                                () -> restarted.attach(disk("vdc", "block", "/dev/nvme2n1", List.of())))
                        .number());
        restarted.detach("vda");
        assertEquals("vdpa dev del mvblk0", runner.lines().get(runner.lines().size() - 1));
    }

    @Test
    void anRbdKeyReachesRbdMapInAFileThatIsGoneAfterwards() {
        runner.answering(command -> {
            if (command.argv().contains("--keyfile")) {
                Path key = Path.of(command.argv().get(command.argv().indexOf("--keyfile") + 1));
                try {
                    keyFileSeen = Files.readString(key) + " "
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(key));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return CommandResult.ok("");
        });
        storage()
                .attach(secretDisk("rbd", "pool/image")
                        .withCredentials(
                                new DiskCredentials(Optional.of("cinder"), "ceph", new byte[] {1, 2, 3, (byte) 0xfe})));
        String map = runner.lines().get(0);
        assertTrue(map.startsWith("rbd map pool/image -m 192.0.2.21 --id cinder --keyfile /"), map);
        assertFalse(map.contains("AQID/g=="), "the key is never in argv: " + map);
        assertEquals("AQID/g== rw-------", keyFileSeen);
        assertFalse(Files.exists(Path.of(map.substring(map.indexOf("--keyfile ") + 10))), "the key file is removed");
    }

    @Test
    void iscsiChapIsUnsupportedAsIscsiadmTakesPasswordsOnItsCommandLine() {
        VirtioBlkDisk chap = secretDisk("iscsi", "iqn.2024-01.org.example:t1/1")
                .withCredentials(new DiskCredentials(Optional.of("initiator"), "iscsi", new byte[] {'p'}));
        assertEquals(
                ErrorNumber.OPERATION_UNSUPPORTED,
                assertThrows(VirtException.class, () -> storage().attach(chap)).number());
        assertEquals(List.of(), runner.lines());
    }

    private String keyFileSeen;

    private static VirtioBlkDisk secretDisk(String protocol, String target) {
        return new VirtioBlkDisk(
                "vda",
                Optional.empty(),
                protocol,
                target,
                List.of("192.0.2.21"),
                Optional.of("type=ceph,uuid=5f1b6d7e-0000-4000-8000-000000000001,username=cinder"),
                false);
    }
}
