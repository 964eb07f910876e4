package org.metalvirt.qemu.node;

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
            a.driver().storage().attach(disk("SN-A"));
            b.driver().storage().attach(disk("SN-B"));
            GuestState seenA = serialA.awaitState(s -> s.diskWithSerial("SN-A").isPresent(), BOOT, "SN-A on a");
            GuestState seenB = serialB.awaitState(s -> s.diskWithSerial("SN-B").isPresent(), BOOT, "SN-B on b");
            assertTrue(seenA.diskWithSerial("SN-B").isEmpty()
                    && seenB.diskWithSerial("SN-A").isEmpty());
        } finally {
            a.close();
            b.close();
        }
        assertTrue(StaleProcess.owner(a.config().pidFile()).isEmpty()
                && StaleProcess.owner(b.config().pidFile()).isEmpty());
    }

    private static VirtioBlkDisk disk(String serial) {
        return new VirtioBlkDisk(
                "data", Optional.of(serial), "nvme-of", "nqn.x", List.of("127.0.0.1:4420"), Optional.empty(), false);
    }
}
