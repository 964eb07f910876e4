package org.metalvirt.baremetal.sim;

import java.util.List;
import java.util.Optional;
import org.metalvirt.node.BootControl;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;

/** The boot order and mode of a simulated server: only remembered, since its OS never really boots. */
public final class SimBootControl implements BootControl {

    private volatile List<BootDevice> order = List.of();
    private volatile Optional<FirmwareMode> mode = Optional.empty();

    @Override
    public void setBoot(List<BootDevice> order, Optional<FirmwareMode> mode) {
        this.order = List.copyOf(order);
        this.mode = mode;
    }

    /** The order last set; empty until then (the firmware's own). */
    public List<BootDevice> bootOrder() {
        return order;
    }

    /** The boot mode last set; empty when none was asked (the firmware's own). */
    public Optional<FirmwareMode> bootMode() {
        return mode;
    }
}
