package org.metalvirt.qemu.node;

import java.util.List;
import org.metalvirt.node.BlockStorage;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * virtio-blk disks: {@code blockdev-add} of the backing ({@link BlockBacking}), then
 * {@code device_add virtio-blk-pci} with the serial on a root port of its own; detach waits for the
 * guest to release it ({@code DEVICE_DELETED}) before {@code blockdev-del}.
 */
final class QemuBlockStorage implements BlockStorage {

    private final QemuMachine machine;

    QemuBlockStorage(QemuMachine machine) {
        this.machine = machine;
    }

    @Override
    public String attach(VirtioBlkDisk disk) {
        return machine.attach(Plugged.Kind.DISK, disk, disk.id());
    }

    @Override
    public void detach(String id) {
        machine.detach(Plugged.Kind.DISK, id);
    }

    @Override
    public List<String> attached() {
        return machine.attached(Plugged.Kind.DISK);
    }

    /** Root ports are shared with VFs: each kind may take them all. */
    @Override
    public int capacity() {
        return machine.capacity();
    }
}
