package org.metalvirt.baremetal.ipmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.testing.EdgeRecorder;

/**
 * The IPMI driver against a real BMC: OpenIPMI's ipmi_sim on 127.0.0.1 (Debian {@code openipmi}),
 * through the real ipmitool with lanplus and the default cipher suite, controlling a process that
 * stands for the server.
 */
class IpmiSimTest {

    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    private ScriptedChassisBmc bmc;
    private IpmiPowerControl power;
    private IpmiSettings settings;
    private final Set<String> cmdlinesSeen = ConcurrentHashMap.newKeySet();
    private volatile boolean scanning = true;
    private Thread scanner;

    @BeforeEach
    void startBmc() throws IOException {
        bmc = new ScriptedChassisBmc(dir.resolve("bmc"), PASSWORD);
        settings = bmc.settings();
        power = new IpmiPowerControl("n1", settings, new ExecCommandRunner());
        scanner = new Thread(this::scanProcesses, "ps-scanner");
        scanner.setDaemon(true);
        scanner.start();
    }

    /** Every ipmitool command line visible in /proc while the test runs, as ps shows them. */
    private void scanProcesses() {
        while (scanning) {
            try (var procs = Files.list(Path.of("/proc"))) {
                procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .forEach(p -> {
                            try {
                                String cmdline = new String(
                                                Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                                        .replace('\0', ' ');
                                if (cmdline.contains("ipmitool")) {
                                    cmdlinesSeen.add(cmdline);
                                }
                            } catch (IOException gone) {
                                // the process ended while being looked at
                            }
                        });
            } catch (IOException e) {
                return;
            }
        }
    }

    @AfterEach
    void stopBmc() throws Exception {
        scanning = false;
        if (scanner != null) {
            scanner.join(5000);
        }
        if (power != null) {
            power.close();
        }
        if (bmc == null) {
            return;
        }
        Optional<Long> server = bmc.serverPid();
        bmc.close();
        if (server.isPresent()) {
            Optional<ProcessHandle> left = ProcessHandle.of(server.get());
            if (left.isPresent()) {
                left.get().onExit().get();
            }
        }
    }

    @Test
    void onOffSoftResetAndStatusDriveTheServerProcess() throws Exception {
        EdgeRecorder edges = new EdgeRecorder();
        power.watch(edges);
        assertEquals(PowerState.OFF, power.state());

        power.powerOn();
        assertEquals(PowerState.ON, power.state());
        long first = bmc.serverPid().orElseThrow();
        assertTrue(ProcessHandle.of(first).isPresent(), "the server process runs");
        assertEquals(PowerState.ON, edges.next(Duration.ofSeconds(20), power::state));

        power.reset();
        assertEquals(List.of("reset"), bmc.serverLog());
        assertEquals(PowerState.ON, power.state());
        assertEquals(first, bmc.serverPid().orElseThrow(), "a reset keeps the server powered");

        power.requestShutdown();
        assertEquals(
                PowerState.OFF,
                edges.next(Duration.ofSeconds(20), power::state),
                "the soft off shows in a read of the status");
        assertEquals(PowerState.OFF, power.state());

        power.powerOn();
        assertEquals(PowerState.ON, edges.next(Duration.ofSeconds(20), power::state));
        power.powerOff();
        assertEquals(PowerState.OFF, power.state());
        assertEquals(PowerState.OFF, edges.next(Duration.ofSeconds(20), power::state));
    }

    @Test
    void operationsInTheStateAskedForAreDone() {
        power.powerOff();
        power.requestShutdown();
        power.powerOn();
        power.powerOn();
        assertEquals(PowerState.ON, power.state());
    }

    @Test
    void resetOfAnOffServerIsInvalid() {
        VirtException refused = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class, power::reset);
        assertEquals(ErrorNumber.OPERATION_INVALID, refused.number());
    }

    /**
     * OpenIPMI's ipmi_sim implements no "pulse diagnostic interrupt": it answers the chassis control
     * with completion code 0xCC and never runs its chassis script. That is a BMC without NMI, which
     * the driver reports as libvirt's "not supported"; the server runs on.
     */
    @Test
    void anNmiThroughABmcWithoutDiagnosticInterruptIsNotSupported() throws IOException {
        power.powerOn();
        long server = bmc.serverPid().orElseThrow();

        VirtException refused = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class, power::injectNmi);

        assertEquals(ErrorNumber.NO_SUPPORT, refused.number(), refused.getMessage());
        assertTrue(bmc.argvLog().stream().anyMatch(argv -> argv.endsWith(" chassis power diag")), "diag was sent");
        assertEquals(PowerState.ON, power.state());
        assertEquals(server, bmc.serverPid().orElseThrow());
    }

    @Test
    void anNmiToAnOffServerIsInvalidAndNotSent() throws IOException {
        VirtException refused = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class, power::injectNmi);

        assertEquals(ErrorNumber.OPERATION_INVALID, refused.number());
        assertFalse(bmc.argvLog().stream().anyMatch(argv -> argv.endsWith(" diag")));
    }

    @Test
    void theBootDeviceReachesTheBmc() throws IOException {
        IpmiBootControl boot = new IpmiBootControl(settings, new ExecCommandRunner());
        boot.setBootOrder(List.of(BootDevice.NETWORK));
        assertEquals("pxe", bmc.bootDevice());
        boot.setBootOrder(List.of(BootDevice.DISK));
        assertEquals("default", bmc.bootDevice(), "ipmi_sim names the disk boot flag 'default'");
        boot.setBoot(List.of(BootDevice.NETWORK), Optional.of(FirmwareMode.EFI)); // the EFI bit is accepted
        assertEquals("pxe", bmc.bootDevice());
    }

    @Test
    void aWrongPasswordFailsWithoutRetrying() throws IOException {
        Path wrong = dir.resolve("wrong.pw");
        Files.writeString(wrong, "not-it\n");
        IpmiSettings bad = SettingsCopy.of(settings)
                .login(settings.user(), Optional.of(wrong), Optional.empty())
                .retries(3, settings.retryDelay())
                .client(IpmiSettings.Client.IPMITOOL)
                .build();
        int before = bmc.argvLog().size();
        VirtException failed = org.junit.jupiter.api.Assertions.assertThrows(
                VirtException.class, () -> new IpmiPowerControl("n1", bad, new ExecCommandRunner()).powerOn());
        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
        assertEquals(before + 1, bmc.argvLog().size());
    }

    @Test
    void thePasswordNeverShowsInPs() throws Exception {
        power.powerOn();
        power.powerOff();
        scanning = false;
        scanner.join(5000);

        List<String> argvs = bmc.argvLog();
        assertFalse(argvs.isEmpty());
        for (String argv : argvs) {
            assertTrue(argv.contains(" -f "), argv);
            assertFalse(argv.contains(PASSWORD), "password on the command line: " + argv);
        }
        for (String cmdline : cmdlinesSeen) {
            assertFalse(cmdline.contains(PASSWORD), "password in /proc/*/cmdline: " + cmdline);
        }
    }
}
