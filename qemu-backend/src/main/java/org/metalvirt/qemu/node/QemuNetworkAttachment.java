package org.metalvirt.qemu.node;

import java.util.List;
import org.metalvirt.node.NetworkAttachment;
import org.metalvirt.node.VirtualFunction;

/**
 * A VF stands as a {@code virtio-net-pci} with the VF's MAC on a hub port of its own: the server
 * sees a NIC with the right address, and no host network is touched. VLAN, spoof checking and
 * trust are the card's business and have no QEMU counterpart; they are accepted and ignored.
 */
final class QemuNetworkAttachment implements NetworkAttachment {

    private final QemuMachine machine;

    QemuNetworkAttachment(QemuMachine machine) {
        this.machine = machine;
    }

    @Override
    public String attach(VirtualFunction vf) {
        return machine.attach(Plugged.Kind.NIC, vf, vf.id());
    }

    @Override
    public String restore(VirtualFunction vf, String address) {
        return machine.restore(Plugged.Kind.NIC, vf, vf.id(), address);
    }

    @Override
    public void detach(String id) {
        machine.detach(Plugged.Kind.NIC, id);
    }

    @Override
    public List<String> attached() {
        return machine.attached(Plugged.Kind.NIC);
    }

    @Override
    public int capacity() {
        return machine.capacity();
    }
}
