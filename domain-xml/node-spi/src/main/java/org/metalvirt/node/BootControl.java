package org.metalvirt.node;

import java.util.List;
import java.util.Optional;

/**
 * Capability: choose how the server boots — its boot order, and whether its firmware boots UEFI or
 * legacy BIOS — as a BMC's boot override or the card's firmware does.
 */
public interface BootControl {

    /**
     * Sets the order the server tries boot devices in and, when given, the firmware's boot mode,
     * from its next power-on. An empty mode leaves the server's own.
     */
    void setBoot(List<BootDevice> order, Optional<FirmwareMode> mode);

    /** The order alone, the boot mode left as the server has it. */
    default void setBootOrder(List<BootDevice> order) {
        setBoot(order, Optional.empty());
    }
}
