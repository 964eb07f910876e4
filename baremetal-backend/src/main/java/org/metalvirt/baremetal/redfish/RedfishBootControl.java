package org.metalvirt.baremetal.redfish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.metalvirt.node.BootControl;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;

/**
 * The boot device as a Redfish boot source override: the first device of the order, kept once or
 * continuously as configured; an empty order gives the firmware its own order back (Disabled).
 * A boot mode asked for goes with it as {@code BootSourceOverrideMode} ({@code UEFI} or
 * {@code Legacy}); none asked leaves the system's.
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
    public void setBoot(List<BootDevice> order, Optional<FirmwareMode> mode) {
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
            mode.ifPresent(m -> boot.put(
                    "BootSourceOverrideMode",
                    switch (m) {
                        case EFI -> "UEFI";
                        case BIOS -> "Legacy";
                    }));
        }
        client.patch(client.system(), body);
    }
}
