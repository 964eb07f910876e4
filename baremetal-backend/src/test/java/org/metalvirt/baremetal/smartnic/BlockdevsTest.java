package org.metalvirt.baremetal.smartnic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DiskCredentials;
import org.metalvirt.node.VirtioBlkDisk;

/** The storage daemon's blockdev-add arguments: QEMU's own option names, credentials named and never inlined. */
class BlockdevsTest {

    private static final String IQN = "iqn.2024-01.org.metalvirt:n1";

    @Test
    void anIscsiLunWithChapNamesItsSecretObject() {
        VirtioBlkDisk disk = new VirtioBlkDisk(
                        "d",
                        Optional.empty(),
                        "iscsi",
                        "iqn.2024-01.org.example:t/3",
                        List.of("10.0.0.5"),
                        Optional.of("type=iscsi,usage=t,username=u"),
                        true)
                .withCredentials(
                        new DiskCredentials(Optional.of("u"), "iscsi", "s3cret".getBytes(StandardCharsets.UTF_8)));

        assertEquals(
                "{\"node-name\":\"mv_d\",\"read-only\":true,\"driver\":\"iscsi\",\"transport\":\"tcp\","
                        + "\"portal\":\"10.0.0.5:3260\",\"target\":\"iqn.2024-01.org.example:t\",\"lun\":3,"
                        + "\"initiator-name\":\"" + IQN + "\",\"user\":\"u\",\"password-secret\":\"sec_mv_d\"}",
                Blockdevs.of("mv_d", disk, IQN, "sec_mv_d").toString());
    }

    @Test
    void anRbdImageListsItsMonitorsAndCephxKey() {
        VirtioBlkDisk disk = new VirtioBlkDisk(
                        "r",
                        Optional.empty(),
                        "rbd",
                        "volumes/v1",
                        List.of("10.0.0.11:6789", "10.0.0.12"),
                        Optional.of("type=ceph,uuid=x,username=cinder"),
                        false)
                .withCredentials(new DiskCredentials(Optional.of("cinder"), "ceph", new byte[] {1, 2, 3}));

        assertEquals(
                "{\"node-name\":\"mv_r\",\"read-only\":false,\"driver\":\"rbd\",\"pool\":\"volumes\",\"image\":\"v1\","
                        + "\"server\":[{\"host\":\"10.0.0.11\",\"port\":\"6789\"},{\"host\":\"10.0.0.12\",\"port\":\"6789\"}],"
                        + "\"user\":\"cinder\",\"key-secret\":\"sec_mv_r\",\"auth-client-required\":[\"cephx\"]}",
                Blockdevs.of("mv_r", disk, IQN, "sec_mv_r").toString());
    }

    @Test
    void anNbdExportAndAQcow2FileOfAPool() {
        assertEquals(
                "{\"node-name\":\"n\",\"read-only\":false,\"driver\":\"nbd\","
                        + "\"server\":{\"type\":\"inet\",\"host\":\"127.0.0.1\",\"port\":\"10809\"},\"export\":\"e\"}",
                Blockdevs.of(
                                "n",
                                new VirtioBlkDisk(
                                        "n",
                                        Optional.empty(),
                                        "nbd",
                                        "e",
                                        List.of("127.0.0.1"),
                                        Optional.empty(),
                                        false),
                                IQN,
                                "s")
                        .toString());
        assertEquals(
                "{\"node-name\":\"f\",\"read-only\":false,\"driver\":\"qcow2\","
                        + "\"file\":{\"driver\":\"file\",\"filename\":\"/mnt/p/a.qcow2\"}}",
                Blockdevs.of("f", VirtioBlkDisk.file("f", Optional.empty(), "/mnt/p/a.qcow2", "qcow2", false), IQN, "s")
                        .toString());
    }

    @Test
    void whatQemuCannotReachIsNotSupported() {
        VirtException nvme = assertThrows(
                VirtException.class,
                () -> Blockdevs.of(
                        "x",
                        new VirtioBlkDisk(
                                "x", Optional.empty(), "nvme-of", "nqn.x", List.of("h"), Optional.empty(), false),
                        IQN,
                        "s"));
        assertEquals(ErrorNumber.OPERATION_UNSUPPORTED, nvme.number());
        VirtException vmdk = assertThrows(
                VirtException.class,
                () -> Blockdevs.of("x", VirtioBlkDisk.file("x", Optional.empty(), "/a.vmdk", "vmdk", false), IQN, "s"));
        assertEquals(ErrorNumber.OPERATION_UNSUPPORTED, vmdk.number());
    }
}
