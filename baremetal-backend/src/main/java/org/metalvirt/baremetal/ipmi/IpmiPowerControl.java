package org.metalvirt.baremetal.ipmi;

import java.util.List;
import java.util.Locale;
import org.metalvirt.baremetal.common.BmcPowerControl;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerState;

/**
 * A server's power through its BMC over IPMI: Chassis Control on, off, soft, hard reset and
 * diagnostic interrupt, and Get Chassis Status as the confirmation ({@link BmcPowerControl} does
 * the rest), through the {@link IpmiClient} {@code ipmi.client} chose.
 */
public final class IpmiPowerControl extends BmcPowerControl {

    /**
     * How the completion codes of a BMC that has no diagnostic interrupt read, from ipmitool and
     * from the native client alike: the "pulse diagnostic interrupt" chassis control is optional,
     * and BMCs without it (OpenIPMI's ipmi_sim among them) answer "invalid data field" (0xCC) or
     * "invalid command" (0xC1).
     */
    private static final List<String> NO_DIAG = List.of("invalid data field in request", "invalid command");

    private final IpmiSettings settings;
    private final IpmiClient client;

    public IpmiPowerControl(String node, IpmiSettings settings, CommandRunner runner) {
        super(node, "BMC " + settings.bmc(), settings.confirmTimeout(), settings.confirmPoll());
        this.settings = settings;
        this.client = IpmiClient.of(settings, runner);
    }

    @Override
    protected PowerState read() {
        return client.power();
    }

    @Override
    protected void request(Action action) {
        switch (action) {
            case ON -> client.control(IpmiClient.Control.POWER_UP);
            case SOFT_OFF -> client.control(IpmiClient.Control.SOFT_SHUTDOWN);
            case OFF -> client.control(IpmiClient.Control.POWER_DOWN);
            case RESET -> client.control(IpmiClient.Control.HARD_RESET);
            case NMI -> diag();
        }
    }

    private void diag() {
        try {
            client.control(IpmiClient.Control.PULSE_DIAGNOSTIC_INTERRUPT);
        } catch (VirtException e) {
            String message = e.getMessage().toLowerCase(Locale.ROOT);
            if (e.number() == ErrorNumber.OPERATION_FAILED && NO_DIAG.stream().anyMatch(message::contains)) {
                throw VirtException.noSupport(
                        "NMI on node " + node + ": BMC " + settings.bmc() + " has no diagnostic interrupt");
            }
            throw e;
        }
    }

    /** Lets the BMC's session go (closed on the BMC by its last user). */
    @Override
    public void close() {
        super.close();
        client.close();
    }
}
