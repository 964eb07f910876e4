package org.metalvirt.baremetal.ipmi;

import org.metalvirt.error.Failures;
import org.metalvirt.baremetal.common.PowerConfirm;
import org.metalvirt.baremetal.common.PowerWatch;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's power through its BMC: {@code chassis power on|off|soft|reset|status}. The BMC's
 * chassis status is the confirmation: each change is followed by status reads until it shows,
 * and changes made elsewhere are found by polling ({@link PowerWatch}).
 */
public final class IpmiPowerControl implements PowerControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IpmiPowerControl.class);

    private final String node;
    private final IpmiSettings settings;
    private final Ipmitool ipmitool;
    private final PowerWatch watch;

    public IpmiPowerControl(String node, IpmiSettings settings, CommandRunner runner) {
        this.node = node;
        this.settings = settings;
        this.ipmitool = new Ipmitool(settings, runner);
        this.watch = new PowerWatch(node, this::state, settings.watchInterval());
    }

    @Override
    public PowerState state() {
        try {
            return read();
        } catch (VirtException e) {
            LOG.warn("{}: cannot read the chassis power from BMC {}: {}", node, settings.bmc(), e.getMessage());
            return PowerState.UNKNOWN;
        }
    }

    @Override
    public void powerOn() {
        if (read() == PowerState.ON) {
            return;
        }
        ipmitool.run("chassis", "power", "on");
        confirm(PowerState.ON);
    }

    @Override
    public void requestShutdown() {
        if (read() == PowerState.ON) {
            ipmitool.run("chassis", "power", "soft");
        }
    }

    @Override
    public void powerOff() {
        if (read() == PowerState.OFF) {
            return;
        }
        ipmitool.run("chassis", "power", "off");
        confirm(PowerState.OFF);
    }

    @Override
    public void reset() {
        if (read() == PowerState.OFF) {
            throw Failures.invalid("cannot reset node " + node + ": it is off");
        }
        ipmitool.run("chassis", "power", "reset");
    }

    @Override
    public void watch(PowerListener listener) {
        watch.add(listener);
    }

    @Override
    public void close() {
        watch.close();
    }

    /** The chassis power as the BMC reports it; fails rather than guess. */
    private PowerState read() {
        String out = ipmitool.run("chassis", "power", "status").strip();
        return switch (out) {
            case "Chassis Power is on" -> PowerState.ON;
            case "Chassis Power is off" -> PowerState.OFF;
            default -> throw Failures.failed("BMC " + settings.bmc() + " answered an unknown power status: " + out);
        };
    }

    private void confirm(PowerState goal) {
        PowerConfirm.await(this::read, goal, settings.confirmTimeout(), settings.confirmPoll(), "BMC " + settings.bmc(),
                node);
        watch.observed(goal);
    }
}
