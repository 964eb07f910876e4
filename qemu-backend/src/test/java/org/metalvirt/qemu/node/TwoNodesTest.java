package org.metalvirt.qemu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.process.StaleProcess;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.qemu.testbed.GuestState;
import org.metalvirt.qemu.testbed.SerialLog;
import org.metalvirt.qemu.testbed.TestbedSpecs;

/** Two QEMU nodes in one process, each with its own devices: nothing leaks between them. */
class TwoNodesTest {

    private static final Duration BOOT = Duration.ofSeconds(120);

    @Test
    void twoNodesBootTogetherAndEachSeesOnlyItsOwnDisk(@TempDir Path state) {
        assertTrue(NodeBackend.named("qemu") instanceof QemuBackend);
        QemuNode a = QemuNode.create(TestbedSpecs.qemuNode("a", state, Map.of("rootPorts", "2")));
        QemuNode b = QemuNode.create(TestbedSpecs.qemuNode("b", state, Map.of("rootPorts", "2")));
        try {
            SerialLog serialA = new SerialLog(a.config().serialLog()).mark();
            SerialLog serialB = new SerialLog(b.config().serialLog()).mark();
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(() -> a.driver().power().powerOn()),
                            CompletableFuture.runAsync(() -> b.driver().power().powerOn()))
                    .join();
            assertTrue(serialA.awaitReady(BOOT).contains("serial=TB-a"));
            assertTrue(serialB.awaitReady(BOOT).contains("serial=TB-b"));
            // Told apart by size: vhost-user-blk disks carry no serial.
            String onA = a.driver().storage().attach(disk(state.resolve("a.img"), 8));
            String onB = b.driver().storage().attach(disk(state.resolve("b.img"), 16));
            GuestState seenA = serialA.awaitState(s -> s.diskAt(onA).isPresent(), BOOT, "a's disk on a");
            GuestState seenB = serialB.awaitState(s -> s.diskAt(onB).isPresent(), BOOT, "b's disk on b");
            assertEquals(
                    List.of(8L << 11),
                    seenA.disks().stream().map(GuestState.Disk::sectors).toList());
            assertEquals(
                    List.of(16L << 11),
                    seenB.disks().stream().map(GuestState.Disk::sectors).toList());
        } finally {
            a.close();
            b.close();
        }
        assertTrue(StaleProcess.owner(a.config().pidFile()).isEmpty()
                && StaleProcess.owner(b.config().pidFile()).isEmpty());
    }

    private static VirtioBlkDisk disk(Path image, int mib) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength((long) mib << 20);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return VirtioBlkDisk.file("data", Optional.empty(), image.toString(), "raw", false);
    }
}
