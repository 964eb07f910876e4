package org.metalvirt.qemu.node;

import java.util.List;
import java.util.Map;
import org.metalvirt.node.BlockStorage;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * virtio-blk disks as a card gives them: the node's {@code qemu-storage-daemon} exports the volume
 * as vhost-user-blk ({@code StorageDaemonProvider}), then {@code chardev-add} +
 * {@code device_add vhost-user-blk-pci} on a root port of its own; detach waits for the guest to
 * release it ({@code DEVICE_DELETED}), removes the chardev, then the export.
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
    public String restore(VirtioBlkDisk disk, String address) {
        return machine.restore(Plugged.Kind.DISK, disk, disk.id(), address);
    }

    @Override
    public void detach(String id) {
        machine.detach(Plugged.Kind.DISK, id);
    }

    @Override
    public List<String> attached() {
        return machine.attached(Plugged.Kind.DISK);
    }

    @Override
    public Map<String, String> failures() {
        return machine.diskFailures();
    }

    /** Root ports are shared with VFs: each kind may take them all. */
    @Override
    public int capacity() {
        return machine.capacity();
    }
}
