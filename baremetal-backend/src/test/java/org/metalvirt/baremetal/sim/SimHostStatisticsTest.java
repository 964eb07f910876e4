package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.HostStatistics.CpuTimes;
import org.metalvirt.node.HostStatistics.MemoryUse;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.SystemIdentity;

/** A simulated server's own load: idle on every CPU while powered, all memory free. */
class SimHostStatisticsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final NodeInventory INVENTORY = NodeInventory.symmetric(
            "x86_64",
            new CpuTopology("Intel", "Skylake-Server", 2400, 2, 4, 2),
            2,
            16L * 1024 * 1024,
            new SystemIdentity(UUID.randomUUID(), "metalvirt", "Simulated Server", "SIM-1", "metalvirt", "1.0"));

    private final AtomicLong now = new AtomicLong(7 * SECOND);

    @Test
    void aPoweredServerIdlesEveryCpuForTheTimeItIsOn() {
        try (SimulatedServer server = new SimulatedServer("n1", Sim.FAST, true)) {
            SimHostStatistics stats = new SimHostStatistics(server, INVENTORY, now::get);
            now.addAndGet(3 * SECOND);

            assertEquals(new CpuTimes(0, 0, 3 * SECOND * 16, 0), stats.cpu(OptionalInt.empty()));
            assertEquals(new CpuTimes(0, 0, 3 * SECOND, 0), stats.cpu(OptionalInt.of(5)));
        }
    }

    @Test
    void anOffServerCountsNoTime() {
        try (SimulatedServer server = new SimulatedServer("n1", Sim.FAST, false)) {
            SimHostStatistics stats = new SimHostStatistics(server, INVENTORY, now::get);
            now.addAndGet(3 * SECOND);

            assertEquals(new CpuTimes(0, 0, 0, 0), stats.cpu(OptionalInt.empty()));
        }
    }

    @Test
    void memoryIsTheInventorysAllFreeWholeOrPerCell() {
        try (SimulatedServer server = new SimulatedServer("n1", Sim.FAST, true)) {
            SimHostStatistics stats = new SimHostStatistics(server, INVENTORY, now::get);

            assertEquals(new MemoryUse(16L << 20, 16L << 20), stats.memory(OptionalInt.empty()));
            assertEquals(new MemoryUse(8L << 20, 8L << 20), stats.memory(OptionalInt.of(1)));
        }
    }
}
