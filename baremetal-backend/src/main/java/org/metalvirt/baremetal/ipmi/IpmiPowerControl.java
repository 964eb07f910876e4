package org.metalvirt.baremetal.ipmi;

import org.metalvirt.baremetal.common.BmcPowerControl;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.Failures;
import org.metalvirt.node.PowerState;

/**
 * A server's power through its BMC over IPMI: {@code chassis power on|off|soft|reset}, and the
 * chassis status as the confirmation ({@link BmcPowerControl} does the rest).
 */
public final class IpmiPowerControl extends BmcPowerControl {

    private final IpmiSettings settings;
    private final Ipmitool ipmitool;

    public IpmiPowerControl(String node, IpmiSettings settings, CommandRunner runner) {
        super(
                node,
                "BMC " + settings.bmc(),
                settings.confirmTimeout(),
                settings.confirmPoll(),
                settings.watchInterval());
        this.settings = settings;
        this.ipmitool = new Ipmitool(settings, runner);
    }

    @Override
    protected PowerState read() {
        String out = ipmitool.run("chassis", "power", "status").strip();
        return switch (out) {
            case "Chassis Power is on" -> PowerState.ON;
            case "Chassis Power is off" -> PowerState.OFF;
            default -> throw Failures.failed("BMC " + settings.bmc() + " answered an unknown power status: " + out);
        };
    }

    @Override
    protected void request(Action action) {
        ipmitool.run(
                "chassis",
                "power",
                switch (action) {
                    case ON -> "on";
                    case SOFT_OFF -> "soft";
                    case OFF -> "off";
                    case RESET -> "reset";
                });
    }
}
