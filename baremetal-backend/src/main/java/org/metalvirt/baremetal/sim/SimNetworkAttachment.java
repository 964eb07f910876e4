package org.metalvirt.baremetal.sim;

import java.util.List;
import org.metalvirt.node.NetworkAttachment;
import org.metalvirt.node.VirtualFunction;

/** SR-IOV VFs of a simulated server's NIC: VF {@code n} sits at {@code 0000:5e:00.n}. */
final class SimNetworkAttachment implements NetworkAttachment {

    static final int DEFAULT_MAX = 8;

    private final PciSlots vfs;

    SimNetworkAttachment(String node, int maxVfs) {
        this.vfs = new PciSlots(node, "0000:5e", "VF", maxVfs);
    }

    @Override
    public String attach(VirtualFunction vf) {
        return vfs.take(vf.id());
    }

    @Override
    public void detach(String id) {
        vfs.release(id);
    }

    @Override
    public List<String> attached() {
        return vfs.ids();
    }

    @Override
    public int capacity() {
        return vfs.capacity();
    }
}
