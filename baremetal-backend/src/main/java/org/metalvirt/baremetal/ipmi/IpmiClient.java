package org.metalvirt.baremetal.ipmi;

import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.PowerState;

/**
 * The IPMI operations the power and boot drivers need, whatever carries them: the native RMCP+
 * client (one kept session per BMC, no process) or ipmitool (a process per operation).
 */
interface IpmiClient extends AutoCloseable {

    /** The Chassis Control command's values (IPMI v2.0 28.3) and ipmitool's words for them. */
    enum Control {
        POWER_DOWN(0x00, "off"),
        POWER_UP(0x01, "on"),
        HARD_RESET(0x03, "reset"),
        PULSE_DIAGNOSTIC_INTERRUPT(0x04, "diag"),
        SOFT_SHUTDOWN(0x05, "soft");

        final int code;
        final String ipmitool;

        Control(int code, String ipmitool) {
            this.code = code;
            this.ipmitool = ipmitool;
        }
    }

    /** Get Chassis Status: the power, ON or OFF; throws rather than guess. */
    PowerState power();

    /** Chassis Control; returns once the BMC accepted it. OPERATION_FAILED with the BMC's reason otherwise. */
    void control(Control control);

    /** The boot flags: the device, valid, persistent or for the next boot only, EFI or legacy. */
    void bootDevice(BootDevice device, boolean persistent, boolean efi);

    @Override
    void close();

    /** The client {@code ipmi.client} chose. */
    static IpmiClient of(IpmiSettings settings, CommandRunner runner) {
        return switch (settings.client()) {
            case NATIVE -> new NativeIpmiClient(settings);
            case IPMITOOL -> new IpmitoolClient(settings, runner);
        };
    }
}
