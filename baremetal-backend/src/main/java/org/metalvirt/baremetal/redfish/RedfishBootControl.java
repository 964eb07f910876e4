package org.metalvirt.baremetal.redfish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.metalvirt.node.BootControl;
import org.metalvirt.node.BootDevice;

/**
 * The boot device as a Redfish boot source override: the first device of the order, kept once or
 * continuously as configured; an empty order gives the firmware its own order back (Disabled).
 */
public final class RedfishBootControl implements BootControl {

    private final RedfishSettings settings;
    private final RedfishClient client;

    public RedfishBootControl(RedfishSettings settings) {
        this(settings, new RedfishClient(settings));
    }

    RedfishBootControl(RedfishSettings settings, RedfishClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public void setBootOrder(List<BootDevice> order) {
        ObjectNode body = RedfishClient.json().createObjectNode();
        ObjectNode boot = body.putObject("Boot");
        if (order.isEmpty()) {
            boot.put("BootSourceOverrideEnabled", "Disabled");
        } else {
            boot.put(
                    "BootSourceOverrideTarget",
                    switch (order.get(0)) {
                        case DISK -> "Hdd";
                        case NETWORK -> "Pxe";
                        case CDROM -> "Cd";
                    });
            boot.put("BootSourceOverrideEnabled", settings.bootOverride());
        }
        client.patch(client.system(), body);
    }
}
