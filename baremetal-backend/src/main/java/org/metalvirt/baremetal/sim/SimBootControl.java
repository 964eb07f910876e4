package org.metalvirt.baremetal.sim;

import java.util.List;
import org.metalvirt.node.BootControl;
import org.metalvirt.node.BootDevice;

/** The boot order of a simulated server: only remembered, since its OS never really boots. */
final class SimBootControl implements BootControl {

    private volatile List<BootDevice> order = List.of();

    @Override
    public void setBootOrder(List<BootDevice> order) {
        this.order = List.copyOf(order);
    }

    /** The order last set; empty until then (the firmware's own). */
    List<BootDevice> bootOrder() {
        return order;
    }
}
