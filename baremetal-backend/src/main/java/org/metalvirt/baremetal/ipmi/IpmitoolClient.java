package org.metalvirt.baremetal.ipmi;

import java.util.ArrayList;
import java.util.List;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.Failures;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.PowerState;

/** The fallback driver: {@code ipmitool -I lanplus}, one process per operation (see {@link Ipmitool}). */
final class IpmitoolClient implements IpmiClient {

    private final IpmiSettings settings;
    private final Ipmitool ipmitool;

    IpmitoolClient(IpmiSettings settings, CommandRunner runner) {
        this.settings = settings;
        this.ipmitool = new Ipmitool(settings, runner);
    }

    @Override
    public PowerState power() {
        String out = ipmitool.run("chassis", "power", "status").strip();
        return switch (out) {
            case "Chassis Power is on" -> PowerState.ON;
            case "Chassis Power is off" -> PowerState.OFF;
            default -> throw Failures.failed("BMC " + settings.bmc() + " answered an unknown power status: " + out);
        };
    }

    @Override
    public void control(Control control) {
        ipmitool.run("chassis", "power", control.ipmitool);
    }

    @Override
    public void bootDevice(BootDevice device, boolean persistent, boolean efi) {
        List<String> args = new ArrayList<>(List.of(
                "chassis",
                "bootdev",
                switch (device) {
                    case DISK -> "disk";
                    case NETWORK -> "pxe";
                    case CDROM -> "cdrom";
                }));
        List<String> options = new ArrayList<>();
        if (persistent) {
            options.add("persistent");
        }
        if (efi) {
            options.add("efiboot");
        }
        if (!options.isEmpty()) {
            args.add("options=" + String.join(",", options));
        }
        ipmitool.run(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        // nothing is kept between runs
    }
}
