package org.metalvirt.baremetal.ipmi;

import java.util.ArrayList;
import java.util.List;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.node.BootControl;
import org.metalvirt.node.BootDevice;

/**
 * The boot device through the BMC's boot flags ({@code chassis bootdev}): IPMI keeps one device,
 * not an order, so the first of the domain's order wins. An empty order leaves the firmware's own.
 */
public final class IpmiBootControl implements BootControl {

    private final IpmiSettings settings;
    private final Ipmitool ipmitool;

    public IpmiBootControl(IpmiSettings settings, CommandRunner runner) {
        this.settings = settings;
        this.ipmitool = new Ipmitool(settings, runner);
    }

    @Override
    public void setBootOrder(List<BootDevice> order) {
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
        if (settings.bootPersistent()) {
            args.add("options=persistent");
        }
        ipmitool.run(args.toArray(String[]::new));
    }
}
