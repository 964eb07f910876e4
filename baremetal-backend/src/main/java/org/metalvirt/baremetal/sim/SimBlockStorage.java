package org.metalvirt.baremetal.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.metalvirt.node.BlockStorage;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * virtio-blk devices of a simulated server: slots on bus {@code 0000:3b}, nothing behind them; what
 * each was asked to serve is kept, for tests to see what the card was given.
 */
public final class SimBlockStorage implements BlockStorage {

    static final int DEFAULT_MAX = 16;

    private final PciSlots slots;
    private final Map<String, VirtioBlkDisk> disks = new ConcurrentHashMap<>();

    SimBlockStorage(String node, int maxDisks) {
        this.slots = new PciSlots(node, "0000:3b", "disk", maxDisks);
    }

    @Override
    public String attach(VirtioBlkDisk disk) {
        String address = slots.take(disk.id());
        disks.put(disk.id(), disk);
        return address;
    }

    /** The volume the device {@code id} was attached with, while it is attached. */
    public Optional<VirtioBlkDisk> disk(String id) {
        return Optional.ofNullable(disks.get(id));
    }

    @Override
    public void detach(String id) {
        slots.release(id);
        disks.remove(id);
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
