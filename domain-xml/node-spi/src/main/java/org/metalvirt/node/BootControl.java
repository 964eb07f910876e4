package org.metalvirt.node;

import java.util.List;

/** Capability: choose the server's boot order, as a BMC's boot override or the card's firmware does. */
public interface BootControl {

    /** Sets the order the server tries boot devices in, from its next power-on. */
    void setBootOrder(List<BootDevice> order);
}
