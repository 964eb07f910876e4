package org.metalvirt.baremetal;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.metalvirt.baremetal.smartnic.SpdkProvider;
import org.metalvirt.options.Range;

/**
 * The {@code baremetal} backend's options as written in the node's configuration ({@code gpio.chip}
 * is {@code gpio().chip()}); absent ones are null, and {@link BaremetalBackend} applies the defaults
 * and the rules between options (see the module README).
 */
record BaremetalOptions(
        Power power,
        Boot boot,
        Gpio gpio,
        Ipmi ipmi,
        Redfish redfish,
        Sriov sriov,
        Disk disk,
        Spdk spdk,
        Storaged storaged,
        Console console) {

    enum Power {
        @JsonProperty("gpio")
        GPIO,
        @JsonProperty("ipmi")
        IPMI,
        @JsonProperty("redfish")
        REDFISH,
        @JsonProperty("none")
        NONE
    }

    enum Boot {
        @JsonProperty("ipmi")
        IPMI,
        @JsonProperty("redfish")
        REDFISH,
        @JsonProperty("none")
        NONE
    }

    record Gpio(
            String chip,
            @Range(max = 63) Integer power,
            @Range(max = 63) Integer reset,
            @Range(max = 63) Integer nmi,
            @Range(max = 63) Integer pwrok,
            Boolean activeLow,
            Boolean openDrain,
            Boolean pwrokActiveLow,
            @Range(min = 50) Long pulseMillis,
            @Range(min = 1) Long resetPulseMillis,
            @Range(min = 1) Long powerOkTimeoutMillis,
            @Range(min = 1) Long hardOffMillis,
            @Range Long pressGuardMillis) {}

    record Ipmi(
            String address,
            @Range(min = 1, max = 65535) Integer port,
            String user,
            String passwordFile,
            String passwordEnv,
            String cipherSuite,
            @Range(min = 1) Long timeoutMillis,
            @Range(min = 1, max = 10) Integer attempts,
            @Range(min = 1) Long confirmTimeoutMillis,
            @Range(min = 100) Long pollMillis,
            String tool,
            Boolean bootPersistent,
            IpmiClient client) {}

    /** {@code ipmi.client}: power and boot through the daemon's RMCP+ session, or an ipmitool process each. */
    enum IpmiClient {
        @JsonProperty("native")
        NATIVE,
        @JsonProperty("ipmitool")
        IPMITOOL
    }

    /** The override's names are Redfish's own. */
    enum BootOverride {
        Once,
        Continuous
    }

    record Redfish(
            String url,
            String system,
            String user,
            String passwordFile,
            Boolean insecure,
            @Range(min = 1) Long timeoutMillis,
            @Range(min = 1) Long confirmTimeoutMillis,
            @Range(min = 100) Long pollMillis,
            BootOverride bootOverride) {}

    record Sriov(
            String pf,
            String sysfs,
            @Range(max = 4096) Integer numVfs,
            @Range(max = 255) Integer devlinkController) {}

    enum DiskProvider {
        @JsonProperty("vdpa")
        VDPA,
        @JsonProperty("spdk")
        SPDK,
        @JsonProperty("storaged")
        STORAGED,
        @JsonProperty("none")
        NONE
    }

    /** Where the server's serial console comes from: its BMC's Serial-over-LAN, or a UART of the card. */
    enum ConsoleTransport {
        @JsonProperty("sol")
        SOL,
        @JsonProperty("uart")
        UART,
        @JsonProperty("none")
        NONE
    }

    /** {@code device} and {@code baud} are the UART's: the card's tty wired to the server's serial port. */
    record Console(
            ConsoleTransport transport,
            String device,
            @Range(min = 50, max = 4000000) Integer baud) {}

    record Disk(DiskProvider provider, String functions, String initiatorIqn) {}

    /** qemu-storage-daemon: its program, its directory (QMP socket, pid file, log, export sockets), the QMP bound. */
    record Storaged(
            String binary, String dir, @Range(min = 1) Long timeoutMillis) {}

    record Spdk(
            String socket,
            SpdkProvider.Controller controller,
            @Range(min = 1) Long timeoutMillis) {}
}
