package org.metalvirt.baremetal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.console.UartConsole;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.ipmi.IpmiBootControl;
import org.metalvirt.baremetal.ipmi.IpmiPowerControl;
import org.metalvirt.baremetal.ipmi.IpmiSolConsole;
import org.metalvirt.baremetal.redfish.RedfishPowerControl;
import org.metalvirt.baremetal.smartnic.SmartNicBlockStorage;
import org.metalvirt.baremetal.sriov.SriovNetworkAttachment;
import org.metalvirt.baremetal.testing.RecordingRunner;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.SystemIdentity;
import org.metalvirt.node.VirtualFunction;

/** The {@code baremetal} backend's options: what each builds, and the messages bad ones get. */
class BaremetalBackendTest {

    static final NodeInventory INVENTORY = NodeInventory.symmetric(
            "x86_64",
            new CpuTopology("Intel", "Skylake-Server", 2400, 2, 8, 2),
            2,
            64L * 1024 * 1024,
            new SystemIdentity(
                    UUID.fromString("66b7c82e-d8dc-32d0-8849-fc37e7ec4db4"),
                    "metalvirt",
                    "server",
                    "S1",
                    "bios",
                    "1.0"));

    @TempDir
    Path dir;

    private final RecordingRunner runner = new RecordingRunner();

    private NodeDriver create(Map<String, String> options) {
        return new BaremetalBackend(runner).create(new NodeSpec("n1", INVENTORY, options, dir.resolve("state")));
    }

    private String refusal(Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> create(options))
                .getMessage();
    }

    /** Front-panel wiring on power 3 and PWR_OK 5, with {@code more} keys and values. */
    private static Map<String, String> gpio(String... more) {
        Map<String, String> options = new java.util.HashMap<>(
                Map.of("power", "gpio", "gpio.chip", "/dev/gpiochip0", "gpio.power", "3", "gpio.pwrok", "5"));
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }

    private Path passwordFile() throws IOException {
        Path file = dir.resolve("bmc.pw");
        Files.writeString(file, "secret\n");
        return file;
    }

    @Test
    void isFoundByName() {
        assertInstanceOf(BaremetalBackend.class, NodeBackend.named("baremetal"));
        assertInstanceOf(SimBoardBackend.class, NodeBackend.named("simboard"));
    }

    @Test
    void theConsoleComesFromTheBmcsSolOrTheCardsUartAndIsAbsentOtherwise() throws IOException {
        NodeDriver sol = create(Map.of(
                "power",
                "none",
                "console.transport",
                "sol",
                "ipmi.address",
                "10.0.0.9",
                "ipmi.user",
                "admin",
                "ipmi.passwordFile",
                passwordFile().toString()));
        assertInstanceOf(IpmiSolConsole.class, sol.console());
        assertInstanceOf(
                UartConsole.class,
                create(Map.of(
                                "power",
                                "none",
                                "console.transport",
                                "uart",
                                "console.device",
                                "/dev/ttyS1",
                                "console.baud",
                                "57600"))
                        .console());
        assertTrue(refusal(Map.of("power", "none", "console.transport", "uart")).contains("console.device"));
        assertEquals(
                ErrorNumber.NO_SUPPORT,
                assertThrows(
                                VirtException.class,
                                () -> create(Map.of("power", "none")).console().open())
                        .number());
    }

    @Test
    void anIpmiNodeHasIpmiPowerAndBoot() throws IOException {
        NodeDriver driver = create(Map.of(
                "power",
                "ipmi",
                "ipmi.address",
                "10.0.0.9",
                "ipmi.user",
                "admin",
                "ipmi.passwordFile",
                passwordFile().toString()));
        assertInstanceOf(IpmiPowerControl.class, driver.power());
        assertInstanceOf(IpmiBootControl.class, driver.boot());
        assertEquals(
                ErrorNumber.NO_SUPPORT,
                assertThrows(
                                VirtException.class,
                                () -> driver.network()
                                        .attach(new VirtualFunction(
                                                "net0", "52:54:00:00:00:01", OptionalInt.empty(), true, false)))
                        .number());
    }

    @Test
    void aRedfishNodeHasRedfishPower() throws IOException {
        NodeDriver driver = create(Map.of(
                "power",
                "redfish",
                "redfish.url",
                "https://10.0.0.9",
                "redfish.user",
                "root",
                "redfish.passwordFile",
                passwordFile().toString()));
        assertInstanceOf(RedfishPowerControl.class, driver.power());
    }

    @Test
    void sriovAndSpdkAreWiredFromTheirOptions() throws IOException {
        Path device = dir.resolve("sys/devices/0000:3b:00.0");
        Files.createDirectories(device);
        Files.writeString(device.resolve("sriov_totalvfs"), "4\n");
        Files.writeString(device.resolve("sriov_numvfs"), "0\n");
        Files.createDirectories(dir.resolve("sys/devices/0000:3b:02.0"));
        Files.createSymbolicLink(device.resolve("virtfn0"), Path.of("../0000:3b:02.0"));
        Files.createDirectories(dir.resolve("sys/class/net/p0"));
        Files.createSymbolicLink(dir.resolve("sys/class/net/p0/device"), device);
        runner.answering(command -> CommandResult.ok(""));

        NodeDriver driver = create(Map.of(
                "power",
                "none",
                "sriov.pf",
                "p0",
                "sriov.sysfs",
                dir.resolve("sys").toString(),
                "sriov.numVfs",
                "4",
                "disk.provider",
                "spdk",
                "disk.functions",
                "0000:3b:00.2, 0000:3b:00.3",
                "spdk.socket",
                dir.resolve("spdk.sock").toString()));

        assertInstanceOf(SriovNetworkAttachment.class, driver.network());
        assertInstanceOf(SmartNicBlockStorage.class, driver.storage());
        assertEquals("4", Files.readString(device.resolve("sriov_numvfs")).strip());
        assertEquals(
                "0000:3b:02.0",
                driver.network()
                        .attach(new VirtualFunction("net0", "52:54:00:00:00:01", OptionalInt.empty(), true, false)));
    }

    /** The storage daemon starts empty with each metalvirtd: disks recorded by the last one are forgotten. */
    @Test
    void theStorageDaemonProviderIsWiredFromItsOptions() throws IOException {
        Path recorded = Files.writeString(
                Files.createDirectories(dir.resolve("state")).resolve("n1.disks.json"),
                "{\"d\": {\"slot\": 0, \"protocol\": \"nbd\", \"volume\": \"mv_d\", \"device\": \"vblk0\"}}");

        NodeDriver driver = create(Map.of(
                "power",
                "none",
                "disk.provider",
                "storaged",
                "disk.functions",
                "0000:3b:00.2",
                "storaged.dir",
                dir.resolve("sd").toString()));

        assertInstanceOf(SmartNicBlockStorage.class, driver.storage());
        assertEquals(List.of(), driver.storage().attached());
        assertFalse(
                Files.readString(recorded).contains("\"d\""),
                "what the new storage daemon does not export is not recorded");
        assertEquals(
                "baremetal option 'storaged.dir' is too long for Unix socket paths: /" + "d".repeat(120),
                refusal(Map.of(
                        "power",
                        "none",
                        "disk.provider",
                        "storaged",
                        "disk.functions",
                        "0000:3b:00.2",
                        "storaged.dir",
                        "/" + "d".repeat(120))));
    }

    /**
     * {@code ipmi.client}: the native RMCP+ client by default, which runs no process (here no BMC
     * listens on the loopback port: the power is unknown after the bounded wait); ipmitool on request.
     */
    @Test
    void theIpmiClientIsNativeUnlessIpmitoolIsAsked() throws IOException {
        Map<String, String> options = new HashMap<>(Map.of(
                "power", "ipmi",
                "ipmi.address", "127.0.0.1",
                "ipmi.port", "9",
                "ipmi.user", "admin",
                "ipmi.passwordFile", passwordFile().toString(),
                "ipmi.timeoutMillis", "200",
                "ipmi.attempts", "1"));
        NodeDriver nativeNode = create(options);
        assertEquals(PowerState.UNKNOWN, nativeNode.power().state());
        nativeNode.close();
        assertEquals(List.of(), runner.lines(), "the native client runs no process");

        options.put("ipmi.client", "ipmitool");
        runner.answering(command -> CommandResult.ok("Chassis Power is on\n"));
        NodeDriver ipmitoolNode = create(options);
        assertEquals(PowerState.ON, ipmitoolNode.power().state());
        ipmitoolNode.close();
        assertTrue(
                runner.lines().get(0).startsWith("ipmitool -I lanplus -H 127.0.0.1 -p 9 -U admin -C 3 -f "),
                runner.lines().get(0));

        options.put("ipmi.client", "native");
        options.put("ipmi.cipherSuite", "8");
        assertEquals(
                "baremetal option 'ipmi.cipherSuite' the native client speaks cipher suites 3 and 17;"
                        + " use ipmi.client: ipmitool for 8",
                refusal(options));
        options.put("ipmi.client", "ipmitool");
        assertInstanceOf(IpmiPowerControl.class, create(options).power(), "ipmitool takes any suite");
        options.put("ipmi.client", "openipmi");
        assertTrue(
                refusal(options).startsWith("baremetal option 'ipmi.client' must be one of native, ipmitool"),
                refusal(options));
    }

    @Test
    void badOptionsAreRefusedNamingTheKey() throws IOException {
        String pw = passwordFile().toString();
        assertEquals("baremetal option 'power' is required", refusal(Map.of()));
        assertEquals(
                "baremetal option 'power' must be one of gpio, ipmi, redfish, none, got acpi",
                refusal(Map.of("power", "acpi")));
        assertTrue(refusal(Map.of("power", "none", "ipmi.password", "x"))
                .startsWith("unknown baremetal option 'ipmi.password' (known: "));
        assertEquals(
                "baremetal option 'ipmi.address' is required",
                refusal(Map.of("power", "ipmi", "ipmi.user", "u", "ipmi.passwordFile", pw)));
        Map<String, String> both = new HashMap<>(Map.of(
                "power",
                "ipmi",
                "ipmi.address",
                "h",
                "ipmi.user",
                "u",
                "ipmi.passwordFile",
                pw,
                "ipmi.passwordEnv",
                "BMC_PW"));
        assertEquals("ipmi.passwordFile", refusal(both).split("'")[1]);
        assertEquals(
                "baremetal option 'ipmi.passwordFile' no such file: /nonexistent/pw",
                refusal(Map.of(
                        "power",
                        "ipmi",
                        "ipmi.address",
                        "h",
                        "ipmi.user",
                        "u",
                        "ipmi.passwordFile",
                        "/nonexistent/pw")));
        assertEquals(
                "baremetal option 'ipmi.port' not a number: x",
                refusal(Map.of(
                        "power",
                        "ipmi",
                        "ipmi.address",
                        "h",
                        "ipmi.port",
                        "x",
                        "ipmi.user",
                        "u",
                        "ipmi.passwordFile",
                        pw)));
        assertEquals(
                "baremetal option 'gpio.pwrok' is required",
                refusal(Map.of("power", "gpio", "gpio.chip", "/dev/gpiochip0", "gpio.power", "3")));
        assertEquals(
                "baremetal option 'gpio.power' gpio.power, gpio.reset, gpio.nmi and gpio.pwrok must be different lines",
                refusal(Map.of("power", "gpio", "gpio.chip", "/dev/gpiochip0", "gpio.power", "3", "gpio.pwrok", "3")));
        assertEquals(
                "baremetal option 'gpio.power' gpio.power, gpio.reset, gpio.nmi and gpio.pwrok must be different lines",
                refusal(gpio("gpio.reset", "4", "gpio.nmi", "4")));
        assertEquals(
                "baremetal option 'gpio.pulseMillis' must be at least 50, got 10",
                refusal(gpio("gpio.pulseMillis", "10")));
        assertEquals(
                "baremetal option 'redfish.url' not an http(s) URL with a host: ftp://bmc",
                refusal(Map.of(
                        "power",
                        "redfish",
                        "redfish.url",
                        "ftp://bmc",
                        "redfish.user",
                        "u",
                        "redfish.passwordFile",
                        pw)));
        assertEquals(
                "baremetal option 'disk.functions' not a PCI address (dddd:bb:dd.f): 3b:00.2",
                refusal(Map.of("power", "none", "disk.provider", "vdpa", "disk.functions", "3b:00.2")));
        assertEquals(
                "baremetal option 'sriov.pf' is required when other sriov options are given",
                refusal(Map.of("power", "none", "sriov.numVfs", "4")));
        assertEquals(List.of(), runner.lines(), "nothing was run for a refused node");
    }
}
