package org.metalvirt.baremetal.redfish;

import org.metalvirt.error.Failures;
import org.metalvirt.baremetal.common.PowerConfirm;
import org.metalvirt.baremetal.common.PowerWatch;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's power through Redfish: {@code ComputerSystem.Reset} to act, {@code PowerState} to
 * confirm. {@code PoweringOn} is not yet on and {@code PoweringOff} is still on: only a finished
 * change counts as confirmed.
 */
public final class RedfishPowerControl implements PowerControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedfishPowerControl.class);

    private final String node;
    private final RedfishSettings settings;
    private final RedfishClient client;
    private final PowerWatch watch;

    public RedfishPowerControl(String node, RedfishSettings settings) {
        this(node, settings, new RedfishClient(settings));
    }

    RedfishPowerControl(String node, RedfishSettings settings, RedfishClient client) {
        this.node = node;
        this.settings = settings;
        this.client = client;
        this.watch = new PowerWatch(node, this::state, settings.watchInterval());
    }

    @Override
    public PowerState state() {
        try {
            return read();
        } catch (VirtException e) {
            LOG.warn("{}: cannot read PowerState from {}: {}", node, settings.url(), e.getMessage());
            return PowerState.UNKNOWN;
        }
    }

    @Override
    public void powerOn() {
        if (read() != PowerState.ON) {
            resetAndConfirm(ResetType.On, PowerState.ON);
        }
    }

    @Override
    public void requestShutdown() {
        if (read() == PowerState.ON) {
            reset(ResetType.GracefulShutdown);
        }
    }

    @Override
    public void powerOff() {
        if (read() != PowerState.OFF) {
            resetAndConfirm(ResetType.ForceOff, PowerState.OFF);
        }
    }

    @Override
    public void reset() {
        requireOn();
        reset(ResetType.ForceRestart);
    }

    /** Asks the OS to restart (libvirt's reboot with the ACPI flag, when a BMC can do it in one step). */
    public void gracefulRestart() {
        requireOn();
        reset(ResetType.GracefulRestart);
    }

    @Override
    public void watch(PowerListener listener) {
        watch.add(listener);
    }

    @Override
    public void close() {
        watch.close();
    }

    void reset(ResetType type) {
        var body = RedfishClient.json().createObjectNode().put("ResetType", type.name());
        client.post(client.system() + "/Actions/ComputerSystem.Reset", body);
    }

    private void requireOn() {
        if (read() != PowerState.ON) {
            throw Failures.invalid("cannot restart node " + node + ": it is not on");
        }
    }

    private void resetAndConfirm(ResetType type, PowerState goal) {
        try {
            reset(type);
        } catch (VirtException e) {
            // Some BMCs refuse a reset to the state they are already in (409, 400): that is success.
            if (state() != goal) {
                throw e;
            }
        }
        PowerConfirm.await(this::read, goal, settings.confirmTimeout(), settings.confirmPoll(), "Redfish", node);
        watch.observed(goal);
    }

    private PowerState read() {
        String state = client.get(client.system()).path("PowerState").asText("");
        return switch (state) {
            case "On", "PoweringOff", "Paused" -> PowerState.ON;
            case "Off", "PoweringOn" -> PowerState.OFF;
            default -> throw Failures.failed("Redfish reported an unknown PowerState for node " + node + ": '" + state + "'");
        };
    }
}
