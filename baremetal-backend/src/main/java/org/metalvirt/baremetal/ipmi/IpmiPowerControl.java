package org.metalvirt.baremetal.ipmi;

import java.util.List;
import org.metalvirt.baremetal.common.BmcPowerControl;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerState;

/**
 * A server's power through its BMC over IPMI: {@code chassis power on|off|soft|reset|diag}, and
 * the chassis status as the confirmation ({@link BmcPowerControl} does the rest).
 */
public final class IpmiPowerControl extends BmcPowerControl {

    /**
     * How ipmitool reports the completion codes of a BMC that has no diagnostic interrupt: the
     * "pulse diagnostic interrupt" chassis control is optional, and BMCs without it (OpenIPMI's
     * ipmi_sim among them) answer "invalid data field" (0xCC) or "invalid command" (0xC1).
     */
    private static final List<String> NO_DIAG = List.of("Invalid data field in request", "Invalid command");

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
        switch (action) {
            case ON -> ipmitool.run("chassis", "power", "on");
            case SOFT_OFF -> ipmitool.run("chassis", "power", "soft");
            case OFF -> ipmitool.run("chassis", "power", "off");
            case RESET -> ipmitool.run("chassis", "power", "reset");
            case NMI -> diag();
        }
    }

    private void diag() {
        try {
            ipmitool.run("chassis", "power", "diag");
        } catch (VirtException e) {
            if (e.number() == ErrorNumber.OPERATION_FAILED && NO_DIAG.stream().anyMatch(e.getMessage()::contains)) {
                throw VirtException.noSupport(
                        "NMI on node " + node + ": BMC " + settings.bmc() + " has no diagnostic interrupt");
            }
            throw e;
        }
    }
}
