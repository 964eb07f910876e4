package org.metalvirt.baremetal.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import org.metalvirt.baremetal.common.BmcPowerControl;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerState;

/**
 * A server's power through Redfish: {@code ComputerSystem.Reset} to act, {@code PowerState} to
 * confirm. {@code PoweringOn} is not yet on and {@code PoweringOff} is still on: only a finished
 * change counts as confirmed. An NMI is {@code ResetType Nmi}, sent only to a system whose
 * allowable reset types include it. {@link BmcPowerControl} does the rest.
 */
public final class RedfishPowerControl extends BmcPowerControl {

    private final RedfishClient client;

    public RedfishPowerControl(String node, RedfishSettings settings) {
        this(node, settings, new RedfishClient(settings));
    }

    RedfishPowerControl(String node, RedfishSettings settings, RedfishClient client) {
        super(node, "Redfish " + settings.url(), settings.confirmTimeout(), settings.confirmPoll());
        this.client = client;
    }

    /** Asks the OS to restart (libvirt's reboot with the ACPI flag, when a BMC can do it in one step). */
    public void gracefulRestart() {
        requireOn("restart");
        reset(ResetType.GracefulRestart);
    }

    @Override
    protected PowerState read() {
        String state = client.get(client.system()).path("PowerState").asText("");
        return switch (state) {
            case "On", "PoweringOff", "Paused" -> PowerState.ON;
            case "Off", "PoweringOn" -> PowerState.OFF;
            default ->
                throw Failures.failed("Redfish reported an unknown PowerState for node " + node + ": '" + state + "'");
        };
    }

    @Override
    protected void request(Action action) {
        reset(
                switch (action) {
                    case ON -> ResetType.On;
                    case SOFT_OFF -> ResetType.GracefulShutdown;
                    case OFF -> ResetType.ForceOff;
                    case RESET -> ResetType.ForceRestart;
                    case NMI -> nmi();
                });
    }

    /** Services list the reset types they take; one that lists some, Nmi not among them, has no NMI. */
    private ResetType nmi() {
        JsonNode action = client.get(client.system()).path("Actions").path("#ComputerSystem.Reset");
        JsonNode allowed = action.path("ResetType@Redfish.AllowableValues");
        if (allowed.isMissingNode() && action.hasNonNull("@Redfish.ActionInfo")) {
            for (JsonNode parameter :
                    client.get(action.path("@Redfish.ActionInfo").asText()).path("Parameters")) {
                if (parameter.path("Name").asText().equals("ResetType")) {
                    allowed = parameter.path("AllowableValues");
                }
            }
        }
        if (allowed.isArray() && !lists(allowed, ResetType.Nmi.name())) {
            throw VirtException.noSupport("NMI on node " + node + ": its Redfish system's reset types are " + allowed);
        }
        return ResetType.Nmi;
    }

    private static boolean lists(JsonNode values, String value) {
        for (JsonNode listed : values) {
            if (listed.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    void reset(ResetType type) {
        var body = RedfishClient.json().createObjectNode().put("ResetType", type.name());
        client.post(client.system() + "/Actions/ComputerSystem.Reset", body);
    }
}
