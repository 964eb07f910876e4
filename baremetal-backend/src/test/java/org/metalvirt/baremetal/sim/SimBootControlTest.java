package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;

class SimBootControlTest {

    @Test
    void remembersTheLastBootOrderSet() {
        SimBootControl boot = new SimBootControl();
        assertEquals(List.of(), boot.bootOrder(), "the firmware's own order until one is set");

        boot.setBootOrder(List.of(BootDevice.NETWORK, BootDevice.DISK));
        boot.setBootOrder(List.of(BootDevice.DISK));

        assertEquals(List.of(BootDevice.DISK), boot.bootOrder());
        assertEquals(Optional.empty(), boot.bootMode(), "no mode asked: the firmware's own");

        boot.setBoot(List.of(BootDevice.DISK), Optional.of(FirmwareMode.EFI));

        assertEquals(Optional.of(FirmwareMode.EFI), boot.bootMode());
    }
}
