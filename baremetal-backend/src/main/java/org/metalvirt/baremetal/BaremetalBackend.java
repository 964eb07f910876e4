package org.metalvirt.baremetal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.baremetal.gpio.AtxTimings;
import org.metalvirt.baremetal.gpio.CdevGpioChip;
import org.metalvirt.baremetal.gpio.GpioChip;
import org.metalvirt.baremetal.gpio.GpioPowerControl;
import org.metalvirt.baremetal.gpio.GpioWiring;
import org.metalvirt.baremetal.ipmi.IpmiBootControl;
import org.metalvirt.baremetal.ipmi.IpmiPowerControl;
import org.metalvirt.baremetal.ipmi.IpmiSettings;
import org.metalvirt.baremetal.redfish.RedfishBootControl;
import org.metalvirt.baremetal.redfish.RedfishPowerControl;
import org.metalvirt.baremetal.redfish.RedfishSettings;
import org.metalvirt.baremetal.smartnic.SmartNicBlockStorage;
import org.metalvirt.baremetal.smartnic.SpdkProvider;
import org.metalvirt.baremetal.smartnic.SpdkRpc;
import org.metalvirt.baremetal.smartnic.VdpaProvider;
import org.metalvirt.baremetal.smartnic.VirtioBlkProvider;
import org.metalvirt.baremetal.sriov.SriovNetworkAttachment;
import org.metalvirt.baremetal.sriov.SysfsNic;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeSpec;

/**
 * The {@code baremetal} backend: a real server, its power over front-panel GPIO lines or a BMC
 * (IPMI, Redfish), its VFs on the card's SR-IOV PF and its disks on the card's virtio-blk
 * functions, each chosen and wired by the node's options (see the module README). Options are
 * checked when the node is created, with messages naming the key.
 */
public final class BaremetalBackend implements NodeBackend {

    static final Set<String> KNOWN = Set.of("power", "boot",
            "gpio.chip", "gpio.power", "gpio.reset", "gpio.pwrok", "gpio.activeLow", "gpio.openDrain",
            "gpio.pwrokActiveLow", "gpio.pulseMillis", "gpio.resetPulseMillis", "gpio.powerOkTimeoutMillis",
            "gpio.hardOffMillis", "gpio.pressGuardMillis",
            "ipmi.address", "ipmi.port", "ipmi.user", "ipmi.passwordFile", "ipmi.passwordEnv", "ipmi.cipherSuite",
            "ipmi.timeoutMillis", "ipmi.attempts", "ipmi.confirmTimeoutMillis", "ipmi.pollMillis", "ipmi.tool",
            "ipmi.bootPersistent",
            "redfish.url", "redfish.system", "redfish.user", "redfish.passwordFile", "redfish.insecure",
            "redfish.timeoutMillis", "redfish.confirmTimeoutMillis", "redfish.pollMillis", "redfish.bootOverride",
            "sriov.pf", "sriov.sysfs", "sriov.numVfs", "sriov.devlinkController",
            "disk.provider", "disk.functions", "disk.initiatorIqn", "spdk.socket", "spdk.controller",
            "spdk.timeoutMillis");

    private static final Pattern PCI = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");

    private final CommandRunner runner;

    public BaremetalBackend() {
        this(new ExecCommandRunner());
    }

    BaremetalBackend(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "baremetal";
    }

    @Override
    public NodeDriver create(NodeSpec spec) {
        NodeOptions options = new NodeOptions(name(), spec.options(), KNOWN);
        String power = options.choice("power", null, "gpio", "ipmi", "redfish", "none");
        NodeDriver driver = NodeDriver.inventoryOnly(spec.name(), spec::inventory);
        Optional<IpmiSettings> ipmi = power.equals("ipmi") || "ipmi".equals(options.text("boot", ""))
                ? Optional.of(ipmi(options)) : Optional.empty();
        Optional<RedfishSettings> redfish = power.equals("redfish") || "redfish".equals(options.text("boot", ""))
                ? Optional.of(redfish(options)) : Optional.empty();
        GpioSetup gpio = power.equals("gpio") ? gpio(options) : null;
        String boot = options.choice("boot", power.equals("ipmi") || power.equals("redfish") ? power : "none",
                "ipmi", "redfish", "none");
        Optional<SysfsNic> nic = options.has("sriov.pf") ? Optional.of(new SysfsNic(
                options.path("sriov.sysfs", "/sys"), options.text("sriov.pf"))) : Optional.empty();
        Optional<Integer> numVfs = options.optionalInteger("sriov.numVfs", 0, 4096);
        Optional<Integer> controller = options.optionalInteger("sriov.devlinkController", 0, 255);
        if (nic.isEmpty() && (numVfs.isPresent() || controller.isPresent())) {
            throw options.bad("sriov.pf", "is required when other sriov options are given");
        }
        Optional<VirtioBlkProvider> disks = disks(options, spec.name());
        List<String> functions = disks.isPresent() ? functions(options) : List.of();

        // Everything is checked; now touch the hardware.
        driver = switch (power) {
            case "gpio" -> driver.withPower(GpioPowerControl.open(spec.name(), new CdevGpioChip(gpio.chip()),
                    gpio.wiring(), gpio.timings()));
            case "ipmi" -> driver.withPower(new IpmiPowerControl(spec.name(), ipmi.orElseThrow(), runner));
            case "redfish" -> driver.withPower(new RedfishPowerControl(spec.name(), redfish.orElseThrow()));
            default -> driver;
        };
        driver = switch (boot) {
            case "ipmi" -> driver.withBoot(new IpmiBootControl(ipmi.orElseThrow(), runner));
            case "redfish" -> driver.withBoot(new RedfishBootControl(redfish.orElseThrow()));
            default -> driver;
        };
        if (nic.isPresent()) {
            numVfs.ifPresent(nic.get()::enable);
            SysfsNic card = nic.get();
            driver = driver.withInventory(() -> spec.inventory().withNics(List.of(card.describe()))).withNetwork(new SriovNetworkAttachment(spec.name(), nic.get(), runner, spec.stateDir(),
                    controller));
        }
        if (disks.isPresent()) {
            driver = driver.withStorage(new SmartNicBlockStorage(spec.name(), functions, disks.get(), spec.stateDir()));
        }
        return driver;
    }

    record GpioSetup(Path chip, GpioWiring wiring, AtxTimings timings) {
    }

    static GpioSetup gpio(NodeOptions options) {
        Path chip = options.path("gpio.chip");
        int power = options.integer("gpio.power", 0, 63);
        int pwrok = options.integer("gpio.pwrok", 0, 63);
        OptionalInt reset = options.has("gpio.reset") ? OptionalInt.of(options.integer("gpio.reset", 0, 63))
                : OptionalInt.empty();
        if (power == pwrok || (reset.isPresent() && (reset.getAsInt() == power || reset.getAsInt() == pwrok))) {
            throw options.bad("gpio.power", "gpio.power, gpio.reset and gpio.pwrok must be different lines");
        }
        GpioWiring wiring = new GpioWiring(power, reset, pwrok, options.bool("gpio.activeLow", true),
                options.bool("gpio.openDrain", true), options.bool("gpio.pwrokActiveLow", false));
        AtxTimings d = AtxTimings.DEFAULTS;
        AtxTimings timings = new AtxTimings(options.millis("gpio.pulseMillis", d.powerPulse(), 50),
                options.millis("gpio.resetPulseMillis", d.resetPulse(), 1),
                options.millis("gpio.powerOkTimeoutMillis", d.powerOkTimeout(), 1),
                options.millis("gpio.hardOffMillis", d.hardOffHold(), 1),
                options.millis("gpio.pressGuardMillis", d.pressGuard(), 0));
        return new GpioSetup(chip, wiring, timings);
    }

    static IpmiSettings ipmi(NodeOptions options) {
        if (options.has("ipmi.passwordFile") == options.has("ipmi.passwordEnv")) {
            throw options.bad("ipmi.passwordFile", "or ipmi.passwordEnv is required, not both: the password is never an option itself");
        }
        IpmiSettings d = IpmiSettings.of(options.text("ipmi.address"), options.integer("ipmi.port", 1, 65535, 623),
                options.text("ipmi.user"),
                options.has("ipmi.passwordFile") ? Optional.of(options.existingFile("ipmi.passwordFile")) : Optional.empty(),
                options.optional("ipmi.passwordEnv"));
        String suite = options.text("ipmi.cipherSuite", d.cipherSuite());
        if (!suite.matches("\\d{1,2}")) {
            throw options.bad("ipmi.cipherSuite", "not a cipher suite number: " + suite);
        }
        return new IpmiSettings(options.text("ipmi.tool", d.tool()), d.host(), d.port(), d.user(), d.passwordFile(),
                d.passwordEnv(), suite, options.millis("ipmi.timeoutMillis", d.commandTimeout(), 1),
                options.integer("ipmi.attempts", 1, 10, d.attempts()), d.retryDelay(),
                options.millis("ipmi.confirmTimeoutMillis", d.confirmTimeout(), 1), d.confirmPoll(),
                options.millis("ipmi.pollMillis", d.watchInterval(), 100), options.bool("ipmi.bootPersistent", true));
    }

    static RedfishSettings redfish(NodeOptions options) {
        RedfishSettings d = RedfishSettings.of(options.url("redfish.url"), options.text("redfish.user"),
                options.existingFile("redfish.passwordFile"));
        return new RedfishSettings(d.url(), options.optional("redfish.system"), d.user(), d.passwordFile(),
                options.bool("redfish.insecure", false), options.millis("redfish.timeoutMillis", d.requestTimeout(), 1),
                options.millis("redfish.confirmTimeoutMillis", d.confirmTimeout(), 1), d.confirmPoll(),
                options.millis("redfish.pollMillis", d.watchInterval(), 100),
                options.choice("redfish.bootOverride", d.bootOverride(), "Once", "Continuous"));
    }

    private Optional<VirtioBlkProvider> disks(NodeOptions options, String node) {
        String provider = options.choice("disk.provider", "none", "vdpa", "spdk", "none");
        return switch (provider) {
            case "vdpa" -> Optional.of(new VdpaProvider(runner, functions(options)));
            case "spdk" -> {
                SpdkRpc rpc = new SpdkRpc(options.path("spdk.socket", "/var/tmp/spdk.sock"),
                        options.millis("spdk.timeoutMillis", Duration.ofSeconds(60), 1));
                SpdkProvider.Controller controller = options.choice("spdk.controller", "vhost", "vhost", "vfio-user")
                        .equals("vhost") ? SpdkProvider.Controller.VHOST : SpdkProvider.Controller.VFIO_USER;
                yield Optional.of(new SpdkProvider(rpc, controller,
                        options.text("disk.initiatorIqn", "iqn.2024-01.org.metalvirt:" + node)));
            }
            default -> Optional.empty();
        };
    }

    static List<String> functions(NodeOptions options) {
        List<String> functions = options.list("disk.functions");
        for (String function : functions) {
            if (!PCI.matcher(function).matches()) {
                throw options.bad("disk.functions", "not a PCI address (dddd:bb:dd.f): " + function);
            }
        }
        if (functions.isEmpty()) {
            throw options.bad("disk.functions", "lists no function");
        }
        return functions;
    }

}
