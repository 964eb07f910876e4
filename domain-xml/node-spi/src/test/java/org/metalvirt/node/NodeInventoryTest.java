package org.metalvirt.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeInventoryTest {

    private static final SystemIdentity ID = new SystemIdentity(UUID.randomUUID(), "m", "p", "s", "bv", "1");

    @Test
    void symmetricServerNumbersCpusAsLinuxDoesWithSecondThreadsLast() {
        NodeInventory node = NodeInventory.symmetric(
                "x86_64", new CpuTopology("Intel", "Skylake-Server", 2400, 2, 4, 2), 2, 8 * 1024 * 1024, ID);

        assertEquals(16, node.cpu().logicalCpus());
        assertEquals(
                List.of(0, 1, 2, 3, 8, 9, 10, 11),
                node.cells().get(0).cpus().stream().map(LogicalCpu::id).toList());
        assertEquals(
                List.of(4, 5, 6, 7, 12, 13, 14, 15),
                node.cells().get(1).cpus().stream().map(LogicalCpu::id).toList());
        LogicalCpu cpu9 = node.cells().get(0).cpus().get(5);
        assertEquals(new LogicalCpu(9, 0, 1, 0), cpu9);
        assertEquals(List.of(1, 9), node.siblingsOf(cpu9));
    }

    @Test
    void featuresLaterAreReadOnceWhenFirstAskedForAndCheckedThen() {
        AtomicInteger reads = new AtomicInteger();
        CpuTopology cpu = new CpuTopology("Intel", "Westmere", 2400, 1, 4, 2, CpuTopology.featuresLater(() -> {
            reads.incrementAndGet();
            return List.of("aes", "sse4.2");
        }));

        assertEquals(0, reads.get());
        assertEquals(List.of("aes", "sse4.2"), cpu.features());
        assertEquals(List.of("aes", "sse4.2"), List.copyOf(cpu.features()));
        assertEquals(1, reads.get());

        CpuTopology misspelt =
                new CpuTopology("Intel", "m", 2400, 1, 4, 2, CpuTopology.featuresLater(() -> List.of("SSE4_2")));
        assertThrows(IllegalArgumentException.class, () -> misspelt.features().size());
    }

    @Test
    void memoryIsSplitEvenlyOverCellsAndSumsBack() {
        NodeInventory node = NodeInventory.symmetric(
                "x86_64", new CpuTopology("Intel", "m", 2000, 4, 2, 1), 4, 64L * 1024 * 1024, ID);

        assertEquals(16L * 1024 * 1024, node.cells().get(3).memoryKiB());
        assertEquals(64L * 1024 * 1024, node.memoryKiB());
    }

    @Test
    void socketsThatCannotBeSpreadEvenlyAreRefused() {
        CpuTopology threeSockets = new CpuTopology("Intel", "m", 2000, 3, 2, 1);

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> NodeInventory.symmetric("x86_64", threeSockets, 2, 1024, ID));
        assertEquals("3 sockets cannot be spread evenly over 2 NUMA cells", e.getMessage());
    }

    @Test
    void aTopologyWithoutCoresIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CpuTopology("Intel", "m", 2000, 1, 0, 1));
    }

    @Test
    void firmwareBootsInAtLeastOneModeAndSecureBootNeedsUefi() {
        assertThrows(IllegalArgumentException.class, () -> new ServerFirmware(List.of(), false));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ServerFirmware(List.of(FirmwareMode.EFI, FirmwareMode.EFI), false));
        assertThrows(IllegalArgumentException.class, () -> new ServerFirmware(List.of(FirmwareMode.BIOS), true));
        assertEquals(true, new ServerFirmware(List.of(FirmwareMode.EFI), true).has(FirmwareMode.EFI));
    }

    @Test
    void cpuFeaturesAreLibvirtNamesEachOnce() {
        CpuTopology cpu = new CpuTopology("Intel", "m", 2000, 1, 2, 1);

        assertEquals(List.of(), cpu.features());
        assertEquals(
                List.of("sse4.2", "avx512f"),
                cpu.withFeatures(List.of("sse4.2", "avx512f")).features());
        assertThrows(IllegalArgumentException.class, () -> cpu.withFeatures(List.of("AVX")));
        assertThrows(IllegalArgumentException.class, () -> cpu.withFeatures(List.of("avx", "avx")));
    }
}
