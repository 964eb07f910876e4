package org.metalvirt.baremetal.sim;

import java.util.OptionalInt;
import java.util.function.LongSupplier;
import org.metalvirt.node.HostStatistics;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NumaCell;
import org.metalvirt.node.PowerState;

/**
 * What a simulated server knows of its own load, which is exactly nothing running: while it is
 * on every logical CPU is idle and all its memory is free. The times are its powered-on time,
 * counted from its power-good edges, so two readings a second apart differ by a second per CPU.
 */
public final class SimHostStatistics implements HostStatistics {

    private final NodeInventory inventory;
    private final LongSupplier nanoTime;
    private long onNanos;
    private long onSince; // valid while on
    private boolean on;

    public SimHostStatistics(SimulatedServer server, NodeInventory inventory) {
        this(server, inventory, System::nanoTime);
    }

    SimHostStatistics(SimulatedServer server, NodeInventory inventory, LongSupplier nanoTime) {
        this.inventory = inventory;
        this.nanoTime = nanoTime;
        synchronized (this) {
            powered(server.powerGood());
        }
        server.addListener(state -> powered(state == PowerState.ON));
    }

    private synchronized void powered(boolean nowOn) {
        long now = nanoTime.getAsLong();
        if (on && !nowOn) {
            onNanos += now - onSince;
        } else if (!on && nowOn) {
            onSince = now;
        }
        on = nowOn;
    }

    private synchronized long poweredNanos() {
        return onNanos + (on ? nanoTime.getAsLong() - onSince : 0);
    }

    @Override
    public CpuUse cpu(OptionalInt cpu) {
        long idle = poweredNanos() * (cpu.isPresent() ? 1 : inventory.cpu().logicalCpus());
        return new CpuTimes(0, 0, idle, 0);
    }

    @Override
    public MemoryUse memory(OptionalInt cell) {
        if (cell.isEmpty()) {
            return new MemoryUse(inventory.memoryKiB(), inventory.memoryKiB());
        }
        NumaCell found = inventory.cells().get(cell.getAsInt());
        return new MemoryUse(found.memoryKiB(), found.memoryKiB());
    }
}
