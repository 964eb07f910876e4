package org.metalvirt.baremetal.ipmi;

import java.util.List;
import java.util.Optional;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.node.BootControl;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;

/**
 * The boot device through the BMC's boot flags (Set System Boot Options, as {@code chassis
 * bootdev}): IPMI keeps one device, not an order, so the first of the domain's order wins. An
 * empty order leaves the firmware's own. The same flags carry the boot type: their EFI bit
 * ({@code efiboot}); without it the flags ask for a legacy (PC compatible) boot, which is what
 * IPMI means by a BIOS one.
 */
public final class IpmiBootControl implements BootControl, AutoCloseable {

    private final IpmiSettings settings;
    private final IpmiClient client;

    public IpmiBootControl(IpmiSettings settings, CommandRunner runner) {
        this.settings = settings;
        this.client = IpmiClient.of(settings, runner);
    }

    @Override
    public void setBoot(List<BootDevice> order, Optional<FirmwareMode> mode) {
        if (order.isEmpty()) {
            return;
        }
        client.bootDevice(order.get(0), settings.bootPersistent(), mode.equals(Optional.of(FirmwareMode.EFI)));
    }

    @Override
    public void close() {
        client.close();
    }
}
