package org.metalvirt.baremetal.sim;

import java.util.List;
import org.metalvirt.node.BlockStorage;
import org.metalvirt.node.VirtioBlkDisk;

/** virtio-blk devices of a simulated server: slots on bus {@code 0000:3b}, nothing behind them. */
final class SimBlockStorage implements BlockStorage {

    static final int DEFAULT_MAX = 16;

    private final PciSlots slots;

    SimBlockStorage(String node, int maxDisks) {
        this.slots = new PciSlots(node, "0000:3b", "disk", maxDisks);
    }

    @Override
    public String attach(VirtioBlkDisk disk) {
        return slots.take(disk.id());
    }

    @Override
    public void detach(String id) {
        slots.release(id);
    }

    @Override
    public List<String> attached() {
        return slots.ids();
    }

    @Override
    public int capacity() {
        return slots.capacity();
    }
}
