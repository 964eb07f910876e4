package org.metalvirt.baremetal.smartnic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.baremetal.board.SimulatedSpdk;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DiskCredentials;
import org.metalvirt.node.VirtioBlkDisk;

/** The SPDK provider's JSON-RPC exchanges, against a local server speaking SPDK's method names. */
class SpdkProviderTest {

    private static final List<String> FUNCTIONS = List.of("0000:3b:00.2", "0000:3b:00.3");

    private Path dir;
    private SimulatedSpdk spdk;

    @BeforeEach
    void start() throws IOException {
        // Unix socket paths are short (108 bytes): a directory of its own under /tmp.
        dir = Files.createTempDirectory(Path.of("/tmp"), "spdk");
        spdk = new SimulatedSpdk(dir.resolve("spdk.sock"));
    }

    @AfterEach
    void stop() throws IOException {
        spdk.close();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private SmartNicBlockStorage storage(SpdkProvider.Controller controller, Duration timeout) {
        SpdkProvider provider =
                new SpdkProvider(new SpdkRpc(spdk.socket(), timeout), controller, "iqn.2024-01.org.metalvirt:n1");
        return new SmartNicBlockStorage("n1", FUNCTIONS, provider, dir);
    }

    private List<String> requests() {
        return spdk.exchanges().stream()
                .map(e ->
                        e.request().path("method").asText() + " " + e.request().path("params"))
                .toList();
    }

    @Test
    void iscsiMakesABdevThenAVhostBlkControllerAndDeletesBothInReverse() {
        SmartNicBlockStorage disks = storage(SpdkProvider.Controller.VHOST, Duration.ofSeconds(10));
        assertEquals(
                "0000:3b:00.2",
                disks.attach(new VirtioBlkDisk(
                        "vda",
                        Optional.empty(),
                        "iscsi",
                        "iqn.2024-01.org.example:vol1/0",
                        List.of("192.0.2.10:3260"),
                        Optional.empty(),
                        true)));
        assertEquals(Set.of("mv_vda"), spdk.bdevs());
        assertEquals(Set.of("vblk0"), spdk.controllers());
        disks.detach("vda");
        assertEquals(
                List.of(
                        "bdev_iscsi_create {\"name\":\"mv_vda\",\"url\":\"iscsi://192.0.2.10:3260/iqn.2024-01.org.example:vol1/0\","
                                + "\"initiator_iqn\":\"iqn.2024-01.org.metalvirt:n1\"}",
                        "vhost_create_blk_controller {\"ctrlr\":\"vblk0\",\"dev_name\":\"mv_vda\",\"readonly\":true}",
                        "vhost_delete_controller {\"ctrlr\":\"vblk0\"}",
                        "bdev_iscsi_delete {\"name\":\"mv_vda\"}"),
                requests());
        assertEquals(Set.of(), spdk.bdevs());
    }

    @Test
    void nvmeOfAndRbdOnVfioUserEndpoints() {
        SmartNicBlockStorage disks = storage(SpdkProvider.Controller.VFIO_USER, Duration.ofSeconds(10));
        disks.attach(new VirtioBlkDisk(
                "vda",
                Optional.empty(),
                "nvme-of",
                "nqn.2024-01.org.example:vol2",
                List.of("192.0.2.11"),
                Optional.empty(),
                false));
        disks.attach(new VirtioBlkDisk(
                "vdb", Optional.empty(), "rbd", "rbdpool/img1", List.of("192.0.2.21"), Optional.empty(), false));
        disks.detach("vda");
        disks.detach("vdb");
        assertEquals(
                List.of(
                        "bdev_nvme_attach_controller {\"name\":\"mv_vda\",\"trtype\":\"tcp\",\"adrfam\":\"ipv4\","
                                + "\"traddr\":\"192.0.2.11\",\"trsvcid\":\"4420\",\"subnqn\":\"nqn.2024-01.org.example:vol2\"}",
                        "vfu_virtio_create_blk_endpoint {\"name\":\"vblk0\",\"bdev_name\":\"mv_vdan1\"}",
                        "bdev_rbd_create {\"name\":\"mv_vdb\",\"pool_name\":\"rbdpool\",\"rbd_name\":\"img1\",\"block_size\":512,"
                                + "\"config\":{\"mon_host\":\"192.0.2.21\"}}",
                        "vfu_virtio_create_blk_endpoint {\"name\":\"vblk1\",\"bdev_name\":\"mv_vdb\"}",
                        "vfu_virtio_delete_endpoint {\"name\":\"vblk0\"}",
                        "bdev_nvme_detach_controller {\"name\":\"mv_vda\"}",
                        "vfu_virtio_delete_endpoint {\"name\":\"vblk1\"}",
                        "bdev_rbd_delete {\"name\":\"mv_vdb\"}"),
                requests());
        assertEquals(Set.of(), spdk.controllers());
    }

    @Test
    void anRpcErrorIsAFailureAndTheBdevIsDeletedAgain() {
        spdk.failNext("vhost_create_blk_controller");
        SmartNicBlockStorage disks = storage(SpdkProvider.Controller.VHOST, Duration.ofSeconds(10));
        VirtException failed = assertThrows(
                VirtException.class,
                () -> disks.attach(new VirtioBlkDisk(
                        "vda", Optional.empty(), "block", "/dev/nvme0n1", List.of(), Optional.empty(), false)));
        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
        assertEquals(Set.of(), spdk.bdevs());
        assertEquals(List.of(), disks.attached());
        assertEquals(
                "bdev_aio_delete",
                spdk.exchanges().get(2).request().path("method").asText());
    }

    @Test
    void anSpdkThatDoesNotAnswerTimesOut() {
        spdk.stopAnswering();
        SmartNicBlockStorage disks = storage(SpdkProvider.Controller.VHOST, Duration.ofMillis(200));
        VirtException late = assertThrows(
                VirtException.class,
                () -> disks.attach(new VirtioBlkDisk(
                        "vda", Optional.empty(), "block", "/dev/nvme0n1", List.of(), Optional.empty(), false)));
        assertEquals(ErrorNumber.OPERATION_TIMEOUT, late.number());
    }

    @Test
    void noSpdkIsAFailure() throws IOException {
        spdk.close();
        SmartNicBlockStorage disks = storage(SpdkProvider.Controller.VHOST, Duration.ofSeconds(1));
        assertEquals(
                ErrorNumber.OPERATION_FAILED,
                assertThrows(
                                VirtException.class,
                                () -> disks.attach(new VirtioBlkDisk(
                                        "vda",
                                        Optional.empty(),
                                        "block",
                                        "/dev/x",
                                        List.of(),
                                        Optional.empty(),
                                        false)))
                        .number());
    }

    @Test
    void cephxAndChapCredentialsTravelInTheRequestBodyOnly() {
        SmartNicBlockStorage disks = storage(SpdkProvider.Controller.VHOST, Duration.ofSeconds(10));
        byte[] key = {1, 2, 3, (byte) 0xfe};
        disks.attach(new VirtioBlkDisk(
                        "vda",
                        Optional.empty(),
                        "rbd",
                        "volumes/volume-1",
                        List.of("192.0.2.21:6789"),
                        Optional.of("type=ceph,uuid=5f1b6d7e-0000-4000-8000-000000000001,username=cinder"),
                        false)
                .withCredentials(new DiskCredentials(Optional.of("cinder"), "ceph", key)));
        disks.attach(new VirtioBlkDisk(
                        "vdb",
                        Optional.empty(),
                        "iscsi",
                        "iqn.2024-01.org.example:t1/1",
                        List.of("192.0.2.31"),
                        Optional.of("type=iscsi,usage=t1,username=initiator"),
                        false)
                .withCredentials(new DiskCredentials(
                        Optional.of("initiator"), "iscsi", "p@ss%w0rd".getBytes(StandardCharsets.UTF_8))));
        assertEquals(
                List.of(
                        "bdev_rbd_create {\"name\":\"mv_vda\",\"pool_name\":\"volumes\",\"rbd_name\":\"volume-1\","
                                + "\"block_size\":512,\"config\":{\"mon_host\":\"192.0.2.21:6789\",\"key\":\"AQID/g==\"},"
                                + "\"user_id\":\"cinder\"}",
                        "vhost_create_blk_controller {\"ctrlr\":\"vblk0\",\"dev_name\":\"mv_vda\"}",
                        "bdev_iscsi_create {\"name\":\"mv_vdb\",\"url\":\"iscsi://initiator%p%40ss%25w0rd@192.0.2.31:3260/"
                                + "iqn.2024-01.org.example:t1/1\",\"initiator_iqn\":\"iqn.2024-01.org.metalvirt:n1\"}",
                        "vhost_create_blk_controller {\"ctrlr\":\"vblk1\",\"dev_name\":\"mv_vdb\"}"),
                requests());
    }

    @Test
    void aDiskWhoseSecretWasNotResolvedIsNeverSent() {
        SmartNicBlockStorage disks = storage(SpdkProvider.Controller.VHOST, Duration.ofSeconds(10));
        VirtioBlkDisk unresolved = new VirtioBlkDisk(
                "vda",
                Optional.empty(),
                "rbd",
                "volumes/volume-1",
                List.of(),
                Optional.of("type=ceph,uuid=5f1b6d7e-0000-4000-8000-000000000001"),
                false);
        assertEquals(
                ErrorNumber.OPERATION_FAILED,
                assertThrows(VirtException.class, () -> disks.attach(unresolved))
                        .number());
        assertEquals(List.of(), requests());
    }
}
