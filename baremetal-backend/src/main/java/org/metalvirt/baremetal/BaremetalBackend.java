package org.metalvirt.baremetal;

import static java.util.Objects.requireNonNullElse;
import static org.metalvirt.options.NodeOptions.millis;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.metalvirt.baremetal.BaremetalOptions.Boot;
import org.metalvirt.baremetal.BaremetalOptions.ConsoleTransport;
import org.metalvirt.baremetal.BaremetalOptions.DiskProvider;
import org.metalvirt.baremetal.BaremetalOptions.Power;
import org.metalvirt.baremetal.console.UartConsole;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.baremetal.gpio.AtxTimings;
import org.metalvirt.baremetal.gpio.CdevGpioChip;
import org.metalvirt.baremetal.gpio.GpioPowerControl;
import org.metalvirt.baremetal.gpio.GpioWiring;
import org.metalvirt.baremetal.ipmi.IpmiBootControl;
import org.metalvirt.baremetal.ipmi.IpmiPowerControl;
import org.metalvirt.baremetal.ipmi.IpmiSettings;
import org.metalvirt.baremetal.ipmi.IpmiSolConsole;
import org.metalvirt.baremetal.redfish.RedfishBootControl;
import org.metalvirt.baremetal.redfish.RedfishHostStatistics;
import org.metalvirt.baremetal.redfish.RedfishPowerControl;
import org.metalvirt.baremetal.redfish.RedfishSettings;
import org.metalvirt.baremetal.smartnic.SmartNicBlockStorage;
import org.metalvirt.baremetal.smartnic.SpdkProvider;
import org.metalvirt.baremetal.smartnic.SpdkRpc;
import org.metalvirt.baremetal.smartnic.StorageDaemonProvider;
import org.metalvirt.baremetal.smartnic.VdpaProvider;
import org.metalvirt.baremetal.smartnic.VirtioBlkProvider;
import org.metalvirt.baremetal.sriov.SriovNetworkAttachment;
import org.metalvirt.baremetal.sriov.SysfsNic;
import org.metalvirt.node.Inventory;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.PciFunction;
import org.metalvirt.options.NodeOptions;

/**
 * The {@code baremetal} backend: a real server, its power over front-panel GPIO lines or a BMC
 * (IPMI, Redfish), its VFs on the card's SR-IOV PF and its disks on the card's virtio-blk
 * functions, each chosen and wired by the node's options (see the module README). Options are
 * checked when the node is created, with messages naming the key.
 */
public final class BaremetalBackend implements NodeBackend {

    private static final NodeOptions OPTIONS = new NodeOptions("baremetal", NodeOptions.Wording.PLAIN);

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
        BaremetalOptions options = OPTIONS.bind(spec.options(), BaremetalOptions.class);
        Power power = OPTIONS.required("power", options.power());
        Boot boot = requireNonNullElse(
                options.boot(), power == Power.IPMI ? Boot.IPMI : power == Power.REDFISH ? Boot.REDFISH : Boot.NONE);
        NodeDriver driver = NodeDriver.inventoryOnly(spec.name(), spec::inventory);
        BaremetalOptions.Console console =
                requireNonNullElse(options.console(), new BaremetalOptions.Console(ConsoleTransport.NONE, null, null));
        ConsoleTransport consoleTransport = requireNonNullElse(console.transport(), ConsoleTransport.NONE);
        Optional<IpmiSettings> ipmi =
                power == Power.IPMI || boot == Boot.IPMI || consoleTransport == ConsoleTransport.SOL
                        ? Optional.of(ipmi(options.ipmi()))
                        : Optional.empty();
        Optional<String> uart = consoleTransport == ConsoleTransport.UART
                ? Optional.of(OPTIONS.required("console.device", console.device()))
                : Optional.empty();
        int baud = requireNonNullElse(console.baud(), 115200);
        Optional<RedfishSettings> redfish = power == Power.REDFISH || boot == Boot.REDFISH
                ? Optional.of(redfish(options.redfish()))
                : Optional.empty();
        GpioSetup gpio = power == Power.GPIO ? gpio(options.gpio()) : null;
        BaremetalOptions.Sriov sriov = options.sriov();
        Optional<SysfsNic> nic = sriov.pf() != null
                ? Optional.of(new SysfsNic(
                        Path.of(requireNonNullElse(sriov.sysfs(), "/sys")), OPTIONS.required("sriov.pf", sriov.pf())))
                : Optional.empty();
        Optional<Integer> controller = Optional.ofNullable(sriov.devlinkController());
        if (nic.isEmpty() && (sriov.numVfs() != null || controller.isPresent())) {
            throw OPTIONS.bad("sriov.pf", "is required when other sriov options are given");
        }
        Optional<VirtioBlkProvider> disks = disks(options, spec.name());
        List<String> functions = disks.isPresent() ? functions(options.disk()) : List.of();

        // Everything is checked; now touch the hardware.
        driver = switch (power) {
            case GPIO ->
                driver.withPower(GpioPowerControl.open(
                        spec.name(), new CdevGpioChip(gpio.chip()), gpio.wiring(), gpio.timings()));
            case IPMI -> driver.withPower(new IpmiPowerControl(spec.name(), ipmi.orElseThrow(), runner));
            case REDFISH -> driver.withPower(new RedfishPowerControl(spec.name(), redfish.orElseThrow()));
            case NONE -> driver;
        };
        driver = switch (boot) {
            case IPMI -> driver.withBoot(new IpmiBootControl(ipmi.orElseThrow(), runner));
            case REDFISH -> driver.withBoot(new RedfishBootControl(redfish.orElseThrow()));
            case NONE -> driver;
        };
        driver = switch (consoleTransport) {
            case SOL -> driver.withConsole(new IpmiSolConsole(spec.name(), ipmi.orElseThrow(), runner));
            case UART -> driver.withConsole(new UartConsole(spec.name(), uart.orElseThrow(), baud));
            case NONE -> driver;
        };
        if (redfish.isPresent()) {
            // The BMC that powers or boots the server also measures it, where it links the metrics.
            driver = driver.withHostStatistics(new RedfishHostStatistics(redfish.get()));
        }
        if (nic.isPresent()) {
            SysfsNic card = nic.get();
            Optional.ofNullable(sriov.numVfs()).ifPresent(card::enable);
            driver = driver.withInventory(() -> spec.inventory().withNics(List.of(card.describe())))
                    .withNetwork(new SriovNetworkAttachment(spec.name(), card, runner, spec.stateDir(), controller));
        }
        if (disks.isPresent()) {
            // The card's disk functions are virtio-blk by definition: the ids the virtio specification gives them.
            List<PciFunction> blk =
                    functions.stream().map(PciFunction::virtioBlk).toList();
            Inventory withNics = driver.inventory();
            driver = driver.withInventory(() -> withNics.read().withBlockFunctions(blk));
            driver = driver.withStorage(new SmartNicBlockStorage(spec.name(), functions, disks.get(), spec.stateDir()));
        }
        return driver;
    }

    record GpioSetup(Path chip, GpioWiring wiring, AtxTimings timings) {}

    static GpioSetup gpio(BaremetalOptions.Gpio options) {
        Path chip = Path.of(OPTIONS.required("gpio.chip", options.chip()));
        int power = OPTIONS.required("gpio.power", options.power());
        int pwrok = OPTIONS.required("gpio.pwrok", options.pwrok());
        OptionalInt reset = options.reset() == null ? OptionalInt.empty() : OptionalInt.of(options.reset());
        OptionalInt nmi = options.nmi() == null ? OptionalInt.empty() : OptionalInt.of(options.nmi());
        List<Integer> lines = new java.util.ArrayList<>(List.of(power, pwrok));
        reset.ifPresent(lines::add);
        nmi.ifPresent(lines::add);
        if (lines.stream().distinct().count() != lines.size()) {
            throw OPTIONS.bad("gpio.power", "gpio.power, gpio.reset, gpio.nmi and gpio.pwrok must be different lines");
        }
        GpioWiring wiring = new GpioWiring(
                power,
                reset,
                nmi,
                pwrok,
                requireNonNullElse(options.activeLow(), true),
                requireNonNullElse(options.openDrain(), true),
                requireNonNullElse(options.pwrokActiveLow(), false));
        AtxTimings d = AtxTimings.DEFAULTS;
        AtxTimings timings = new AtxTimings(
                millis(options.pulseMillis(), d.powerPulse()),
                millis(options.resetPulseMillis(), d.resetPulse()),
                millis(options.powerOkTimeoutMillis(), d.powerOkTimeout()),
                millis(options.hardOffMillis(), d.hardOffHold()),
                millis(options.pressGuardMillis(), d.pressGuard()));
        return new GpioSetup(chip, wiring, timings);
    }

    static IpmiSettings ipmi(BaremetalOptions.Ipmi options) {
        if ((options.passwordFile() == null) == (options.passwordEnv() == null)) {
            throw OPTIONS.bad(
                    "ipmi.passwordFile",
                    "or ipmi.passwordEnv is required, not both: the password is never an option itself");
        }
        IpmiSettings d = IpmiSettings.of(
                OPTIONS.required("ipmi.address", options.address()),
                requireNonNullElse(options.port(), 623),
                OPTIONS.required("ipmi.user", options.user()),
                Optional.ofNullable(options.passwordFile()).map(file -> existingFile("ipmi.passwordFile", file)),
                Optional.ofNullable(options.passwordEnv()));
        String suite = requireNonNullElse(options.cipherSuite(), d.cipherSuite());
        if (!suite.matches("\\d{1,2}")) {
            throw OPTIONS.bad("ipmi.cipherSuite", "not a cipher suite number: " + suite);
        }
        IpmiSettings.Client client = options.client() == BaremetalOptions.IpmiClient.IPMITOOL
                ? IpmiSettings.Client.IPMITOOL
                : IpmiSettings.Client.NATIVE;
        if (client == IpmiSettings.Client.NATIVE && !suite.equals("3") && !suite.equals("17")) {
            throw OPTIONS.bad(
                    "ipmi.cipherSuite",
                    "the native client speaks cipher suites 3 and 17; use ipmi.client: ipmitool for " + suite);
        }
        return new IpmiSettings(
                requireNonNullElse(options.tool(), d.tool()),
                d.host(),
                d.port(),
                d.user(),
                d.passwordFile(),
                d.passwordEnv(),
                suite,
                millis(options.timeoutMillis(), d.commandTimeout()),
                requireNonNullElse(options.attempts(), d.attempts()),
                d.retryDelay(),
                millis(options.confirmTimeoutMillis(), d.confirmTimeout()),
                d.confirmPoll(),
                millis(options.pollMillis(), d.watchInterval()),
                requireNonNullElse(options.bootPersistent(), true),
                client);
    }

    static RedfishSettings redfish(BaremetalOptions.Redfish options) {
        RedfishSettings d = RedfishSettings.of(
                url("redfish.url", options.url()),
                OPTIONS.required("redfish.user", options.user()),
                existingFile("redfish.passwordFile", options.passwordFile()));
        return new RedfishSettings(
                d.url(),
                Optional.ofNullable(options.system()),
                d.user(),
                d.passwordFile(),
                requireNonNullElse(options.insecure(), false),
                millis(options.timeoutMillis(), d.requestTimeout()),
                millis(options.confirmTimeoutMillis(), d.confirmTimeout()),
                d.confirmPoll(),
                millis(options.pollMillis(), d.watchInterval()),
                options.bootOverride() == null
                        ? d.bootOverride()
                        : options.bootOverride().name());
    }

    private Optional<VirtioBlkProvider> disks(BaremetalOptions options, String node) {
        return switch (requireNonNullElse(options.disk().provider(), DiskProvider.NONE)) {
            case VDPA -> Optional.of(new VdpaProvider(runner, functions(options.disk())));
            case SPDK -> {
                BaremetalOptions.Spdk spdk = options.spdk();
                SpdkRpc rpc = new SpdkRpc(
                        Path.of(requireNonNullElse(spdk.socket(), "/var/tmp/spdk.sock")),
                        millis(spdk.timeoutMillis(), Duration.ofSeconds(60)));
                yield Optional.of(new SpdkProvider(
                        rpc,
                        requireNonNullElse(spdk.controller(), SpdkProvider.Controller.VHOST),
                        requireNonNullElse(options.disk().initiatorIqn(), "iqn.2024-01.org.metalvirt:" + node)));
            }
            case STORAGED -> {
                BaremetalOptions.Storaged storaged = options.storaged();
                Path dir = Path.of(requireNonNullElse(storaged.dir(), "/run/metalvirt/storaged-" + node));
                if (dir.resolve("vblk" + (functions(options.disk()).size() - 1) + ".sock")
                                .toString()
                                .length()
                        > 107) {
                    throw OPTIONS.bad("storaged.dir", "is too long for Unix socket paths: " + dir);
                }
                yield Optional.of(new StorageDaemonProvider(
                        node,
                        requireNonNullElse(storaged.binary(), "qemu-storage-daemon"),
                        dir,
                        millis(storaged.timeoutMillis(), Duration.ofSeconds(60)),
                        requireNonNullElse(options.disk().initiatorIqn(), "iqn.2024-01.org.metalvirt:" + node)));
            }
            case NONE -> Optional.empty();
        };
    }

    static List<String> functions(BaremetalOptions.Disk options) {
        List<String> functions = Arrays.stream(
                        OPTIONS.required("disk.functions", options.functions()).split(","))
                .map(String::strip)
                .filter(function -> !function.isEmpty())
                .toList();
        for (String function : functions) {
            if (!PCI.matcher(function).matches()) {
                throw OPTIONS.bad("disk.functions", "not a PCI address (dddd:bb:dd.f): " + function);
            }
        }
        if (functions.isEmpty()) {
            throw OPTIONS.bad("disk.functions", "lists no function");
        }
        return functions;
    }

    /** A file that must exist now, such as a password file. */
    private static Path existingFile(String key, String value) {
        Path file = Path.of(OPTIONS.required(key, value));
        if (!Files.isRegularFile(file)) {
            throw OPTIONS.bad(key, "no such file: " + file);
        }
        return file;
    }

    private static URI url(String key, String value) {
        try {
            URI uri = new URI(OPTIONS.required(key, value));
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw OPTIONS.bad(key, "not an http(s) URL with a host: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw OPTIONS.bad(key, "not a URL: " + value);
        }
    }
}
