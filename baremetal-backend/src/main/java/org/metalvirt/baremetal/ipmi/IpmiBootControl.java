package org.metalvirt.baremetal.ipmi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.node.BootControl;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;

/**
 * The boot device through the BMC's boot flags ({@code chassis bootdev}): IPMI keeps one device,
 * not an order, so the first of the domain's order wins. An empty order leaves the firmware's own.
 * The same flags carry the boot type: {@code efiboot} sets their EFI bit; without it the flags
 * ask for a legacy (PC compatible) boot, which is what IPMI means by a BIOS one.
 */
public final class IpmiBootControl implements BootControl {

    private final IpmiSettings settings;
    private final Ipmitool ipmitool;

    public IpmiBootControl(IpmiSettings settings, CommandRunner runner) {
        this.settings = settings;
        this.ipmitool = new Ipmitool(settings, runner);
    }

    @Override
    public void setBoot(List<BootDevice> order, Optional<FirmwareMode> mode) {
        if (order.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of(
                "chassis",
                "bootdev",
                switch (order.get(0)) {
                    case DISK -> "disk";
                    case NETWORK -> "pxe";
                    case CDROM -> "cdrom";
                }));
        List<String> options = new ArrayList<>();
        if (settings.bootPersistent()) {
            options.add("persistent");
        }
        if (mode.equals(Optional.of(FirmwareMode.EFI))) {
            options.add("efiboot");
        }
        if (!options.isEmpty()) {
            args.add("options=" + String.join(",", options));
        }
        ipmitool.run(args.toArray(String[]::new));
    }
}
