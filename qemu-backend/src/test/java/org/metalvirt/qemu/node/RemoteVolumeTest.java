package org.metalvirt.qemu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DiskCredentials;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.qemu.testbed.GuestShell;
import org.metalvirt.qemu.testbed.GuestState;
import org.metalvirt.qemu.testbed.SerialLog;
import org.metalvirt.qemu.testbed.TestbedSpecs;
import org.metalvirt.qemu.testbed.VolumeServer;

/**
 * The server's disks are remote volumes the card's storage daemon exports as vhost-user-blk: data
 * the server's OS writes lands in the volume, whoever serves it (qemu-nbd, a tgt iSCSI target, an
 * image file), a detach in the middle of writes leaves the volume consistent, and a storage
 * daemon killed as a crash would is started again with the running server's disks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteVolumeTest {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration CHANGE = Duration.ofSeconds(60);

    @TempDir
    static Path state;

    private static QemuNode node;
    private static NodeDriver driver;
    private static SerialLog serial;
    private static GuestShell shell;

    @BeforeAll
    static void boot() {
        node = QemuNode.create(TestbedSpecs.qemuNode("rv", state, Map.of("rootPorts", "3")));
        driver = node.driver();
        serial = new SerialLog(node.config().serialLog()).mark();
        shell = new GuestShell(node.config().serialSocket(), serial);
        driver.power().powerOn();
        serial.awaitReady(BOOT);
    }

    @AfterAll
    static void close() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void whatTheServerWritesToAnNbdVolumeIsInItsFile() throws Exception {
        Path image = image("nbd.img", 16);
        try (VolumeServer nbd = VolumeServer.nbd(image, "raw", "vol1")) {
            String pci = driver.storage().attach(disk("nbd1", "nbd", "vol1", nbd.host()));
            String dev = device(pci);

            write(dev, "NBD-PATTERN-1", 2048);

            assertEquals("NBD-PATTERN-1", read(image, 2048 * 512L, 13));
            driver.storage().detach("nbd1");
            serial.awaitState(s -> s.diskAt(pci).isEmpty(), CHANGE, "the NBD disk to go");
        }
    }

    @Test
    @Order(2)
    void whatTheServerWritesToAnIscsiLunIsInItsBackingFile() throws Exception {
        Path image = image("lun.img", 16);
        String iqn = "iqn.2024-01.org.metalvirt.test:lun1";
        try (VolumeServer target = VolumeServer.iscsi(image, iqn)) {
            String pci = driver.storage().attach(disk("lun1", "iscsi", iqn + "/1", target.host()));
            String dev = device(pci);

            write(dev, "ISCSI-PATTERN", 4096);

            assertEquals("ISCSI-PATTERN", read(image, 4096 * 512L, 13));
            driver.storage().detach("lun1");
            serial.awaitState(s -> s.diskAt(pci).isEmpty(), CHANGE, "the iSCSI disk to go");
        }
    }

    /**
     * CHAP: the target refuses a login without the secret's credentials, and takes the one the card
     * makes with them; the password reaches the storage daemon over its QMP socket only, never its
     * command line or log.
     */
    @Test
    @Order(2)
    void chapCredentialsFromASecretReachTheIscsiLoginAndNothingElse() throws Exception {
        Path image = image("chap.img", 16);
        String iqn = "iqn.2024-01.org.metalvirt.test:chap";
        String password = "Chap-Secret-7f3a9c";
        try (VolumeServer target = VolumeServer.iscsi(image, iqn, "bm-node", password)) {
            VirtioBlkDisk disk = new VirtioBlkDisk(
                    "chap1",
                    Optional.empty(),
                    "iscsi",
                    iqn + "/1",
                    List.of(target.host()),
                    Optional.of("type=iscsi,usage=bm-chap,username=bm-node"),
                    false);
            VirtException refused = assertThrows(
                    VirtException.class,
                    () -> driver.storage()
                            .attach(disk.withCredentials(new DiskCredentials(
                                    Optional.of("bm-node"), "iscsi", "wrong".getBytes(StandardCharsets.UTF_8)))));
            assertEquals(ErrorNumber.OPERATION_FAILED, refused.number());
            assertFalse(refused.getMessage().contains("wrong"), refused.getMessage());

            String pci = driver.storage()
                    .attach(disk.withCredentials(new DiskCredentials(
                            Optional.of("bm-node"), "iscsi", password.getBytes(StandardCharsets.UTF_8))));
            write(device(pci), "CHAP-PATTERN", 8);

            assertEquals("CHAP-PATTERN", read(image, 8 * 512L, 12));
            Path daemonDir = node.config().runDir().resolve("sd");
            long daemon = pid(daemonDir.resolve("qsd.pid"));
            String argv = Files.readString(Path.of("/proc", Long.toString(daemon), "cmdline"));
            assertFalse(argv.contains(password), argv);
            assertFalse(Files.readString(daemonDir.resolve("qsd.log")).contains(password));
            assertFalse(Files.readString(node.config().qemuLog()).contains(password));
            driver.storage().detach("chap1");
            serial.awaitState(s -> s.diskAt(pci).isEmpty(), CHANGE, "the CHAP disk to go");
        }
    }

    /** CloudStack's NFS primary storage: a qcow2 file on the card's mount. Detached mid-write, it stays consistent. */
    @Test
    @Order(3)
    void aQcow2FileDiskTakesWritesAndADetachUnderIoLeavesItConsistent() throws Exception {
        Path image = state.resolve("primary.qcow2");
        qemuImg("create", "-q", "-f", "qcow2", image.toString(), "32M");
        VirtioBlkDisk qcow2 = VirtioBlkDisk.file("q1", Optional.empty(), image.toString(), "qcow2", false);
        String pci = driver.storage().attach(qcow2);
        String dev = device(pci);
        write(dev, "QCOW2-PATTERN", 1000);
        // Writes that go on while the disk is taken away.
        shell.ok(
                "(while dd if=/dev/urandom of=/dev/" + dev + " bs=64k count=64 seek=8 2>/dev/null; do :; done) &",
                CHANGE);

        driver.storage().detach("q1");
        serial.awaitState(s -> s.diskAt(pci).isEmpty(), CHANGE, "the qcow2 disk to go");

        assertEquals(0, qemuImg("check", "-q", image.toString()), "qemu-img check found the image damaged");
        Path raw = state.resolve("primary.raw");
        qemuImg("convert", "-O", "raw", image.toString(), raw.toString());
        assertEquals("QCOW2-PATTERN", read(raw, 1000 * 512L, 13));
    }

    @Test
    @Order(4)
    void aStorageDaemonKilledIsStartedAgainAndTheServersDiskCarriesOn() throws Exception {
        Path image = image("survivor.img", 16);
        try (VolumeServer nbd = VolumeServer.nbd(image, "raw", "vol2")) {
            String pci = driver.storage().attach(disk("nbd2", "nbd", "vol2", nbd.host()));
            String dev = device(pci);
            write(dev, "BEFORE-THE-CRASH", 100);
            Path pidFile = node.config().runDir().resolve("sd/qsd.pid");
            long crashed = pid(pidFile);

            ProcessHandle.of(crashed).orElseThrow().destroyForcibly(); // SIGKILL, as a crash

            // A new daemon, with the export back (the server's QEMU reconnects to its socket).
            Awaitility.await("a new storage daemon")
                    .atMost(CHANGE)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        long now = pid(pidFile);
                        return now > 0
                                && now != crashed
                                && ProcessHandle.of(now).isPresent();
                    });
            write(dev, "AFTER-THE-CRASH", 200);
            assertEquals("BEFORE-THE-CRASH", read(image, 100 * 512L, 16));
            assertEquals("AFTER-THE-CRASH", read(image, 200 * 512L, 15));
            assertNotEquals(crashed, pid(pidFile));
            driver.storage().detach("nbd2");
        }
    }

    private static VirtioBlkDisk disk(String id, String protocol, String target, String host) {
        return new VirtioBlkDisk(id, Optional.empty(), protocol, target, List.of(host), Optional.empty(), false);
    }

    /** The guest's name of the disk on {@code pci}, once it has it. */
    private static String device(String pci) {
        GuestState seen = serial.awaitState(s -> s.diskAt(pci).isPresent(), CHANGE, "a disk on " + pci);
        return seen.diskAt(pci).orElseThrow().name();
    }

    /** The guest writes {@code text} at sector {@code sector} of its disk, past its page cache. */
    private static void write(String dev, String text, long sector) {
        shell.ok(
                "printf " + text + " | dd of=/dev/" + dev + " bs=512 seek=" + sector
                        + " conv=notrunc,fsync 2>/dev/null",
                CHANGE);
    }

    private static Path image(String name, int mib) throws IOException {
        Path image = state.resolve(name);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength((long) mib << 20);
        }
        return image;
    }

    private static String read(Path file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            in.readFully(bytes);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static long pid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return -1; // being rewritten by the new daemon
        }
    }

    private static int qemuImg(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("qemu-img"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "qemu-img " + String.join(" ", args) + " hangs");
        if (process.exitValue() != 0 && !args[0].equals("check")) {
            throw new AssertionError("qemu-img " + String.join(" ", args) + ": " + out);
        }
        return process.exitValue();
    }
}
