package org.metalvirt.baremetal.ipmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.ipmi.rmcp.BmcLogin;
import org.metalvirt.baremetal.ipmi.rmcp.CipherSuite;
import org.metalvirt.baremetal.ipmi.rmcp.RmcpSession;
import org.metalvirt.baremetal.ipmi.rmcp.RmcpSessions;
import org.metalvirt.baremetal.testing.RecordingRunner;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.PowerState;

/**
 * The native RMCP+ client against OpenIPMI's ipmi_sim on the loopback: no process is run for power
 * or boot, the session is kept and shared, opened again when the BMC forgets it, and a refused
 * login says why without the password.
 */
class NativeIpmiTest {

    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    private ScriptedChassisBmc bmc;
    private IpmiSettings settings;
    private final RecordingRunner runner = new RecordingRunner();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void startBmc() throws IOException {
        bmc = new ScriptedChassisBmc(dir.resolve("bmc"), PASSWORD);
        settings = bmc.nativeSettings();
    }

    @AfterEach
    void stopBmc() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        if (bmc != null) {
            bmc.close();
        }
    }

    private IpmiPowerControl power(IpmiSettings with) {
        IpmiPowerControl power = new IpmiPowerControl("n1", with, runner);
        opened.add(power);
        return power;
    }

    /** The session the client shares for this BMC and user (leased after the client, so with its password). */
    private RmcpSession session() {
        try (RmcpSessions.Lease lease = RmcpSessions.lease(new BmcLogin(
                settings.host(),
                settings.port(),
                settings.user(),
                CipherSuite.SUITE_3,
                () -> new byte[0],
                settings.commandTimeout(),
                1))) {
            return lease.session();
        }
    }

    @Test
    void powerAndBootGoOverTheSessionWithoutAProcess() throws IOException {
        IpmiPowerControl power = power(settings);
        assertEquals(PowerState.OFF, power.state());
        power.powerOn();
        assertEquals(PowerState.ON, power.state());
        assertTrue(bmc.serverPid().isPresent(), "the chassis script started the server");
        power.reset();
        assertEquals(List.of("reset"), bmc.serverLog());
        power.powerOff();
        assertEquals(PowerState.OFF, power.state());

        assertEquals(List.of(), runner.lines(), "no process was run");
        assertEquals(1, session().sessionsOpened(), "one session served every request");
    }

    /**
     * The boot flags as ipmi_sim reports them back. ipmi_sim keeps only the device selector of the
     * flags (it hands it to its chassis script and answers it alone, valid, persistent and EFI bits
     * cleared), so that is what can be read back; the rest is what ipmitool sends for the same options.
     */
    @Test
    void theBootDeviceIsWhatTheBmcReportsBack() throws IOException {
        IpmiBootControl boot = new IpmiBootControl(settings, runner);
        opened.add(boot);

        boot.setBoot(List.of(BootDevice.NETWORK), Optional.of(FirmwareMode.EFI));
        assertTrue(bootFlags().contains("Boot Device Selector : Force PXE"), bootFlags());
        assertEquals("pxe", bmc.bootDevice());

        boot.setBoot(List.of(BootDevice.CDROM, BootDevice.DISK), Optional.of(FirmwareMode.BIOS));
        assertTrue(bootFlags().contains("Boot Device Selector : Force Boot from CD/DVD"), bootFlags());

        boot.setBoot(List.of(BootDevice.DISK), Optional.empty());
        assertTrue(bootFlags().contains("Boot Device Selector : Force Boot from default Hard-Drive"), bootFlags());
        assertEquals(List.of(), runner.lines(), "no process was run");
    }

    private String bootFlags() {
        return bmc.ipmitool("chassis", "bootparam", "get", "5");
    }

    @Test
    void anNmiThroughABmcWithoutDiagnosticInterruptIsNotSupported() throws IOException {
        IpmiPowerControl power = power(settings);
        power.powerOn();
        VirtException refused = assertThrows(VirtException.class, power::injectNmi);
        assertEquals(ErrorNumber.NO_SUPPORT, refused.number(), refused.getMessage());
        assertEquals(PowerState.ON, power.state());
    }

    @Test
    void aWrongPasswordIsRefusedSayingSoAndNeverShowingIt() throws IOException {
        Path wrong = dir.resolve("wrong.pw");
        String guess = "guess-" + Long.toHexString(System.nanoTime());
        Files.writeString(wrong, guess + "\n");
        IpmiPowerControl power = power(withPassword(wrong));

        VirtException refused = assertThrows(VirtException.class, power::powerOn);
        // The daemon's poll reads "unknown"; an operator's check is given the same refusal.
        assertEquals(PowerState.UNKNOWN, power.state());
        assertEquals(
                refused.getMessage(),
                assertThrows(VirtException.class, power::checkedState).getMessage());

        assertEquals(ErrorNumber.OPERATION_FAILED, refused.number());
        assertTrue(
                refused.getMessage().contains("BMC 127.0.0.1:" + bmc.port() + " refused the session"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("invalid password"), refused.getMessage());
        assertFalse(refused.getMessage().contains(guess));
        assertFalse(refused.getMessage().contains(PASSWORD));
    }

    @Test
    void aMissingPasswordVariableFailsBeforeTheBmcIsAsked() {
        IpmiSettings fromEnv = login(
                settings.user(),
                Optional.empty(),
                Optional.of("METALVIRT_TEST_NO_SUCH_VARIABLE"),
                settings.cipherSuite());

        VirtException failed =
                assertThrows(VirtException.class, () -> power(fromEnv).powerOn());

        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
        assertTrue(failed.getMessage().contains("METALVIRT_TEST_NO_SUCH_VARIABLE is not set"), failed.getMessage());
        assertEquals(0, session().sessionsOpened());
    }

    @Test
    void anUnknownUserIsRefusedWithTheBmcsStatus() {
        IpmiSettings nobody = login("nobody", settings.passwordFile(), settings.passwordEnv(), settings.cipherSuite());

        VirtException refused =
                assertThrows(VirtException.class, () -> power(nobody).powerOn());

        assertEquals(ErrorNumber.OPERATION_FAILED, refused.number());
        assertTrue(refused.getMessage().contains("unauthorized name (RAKP status 0x0d)"), refused.getMessage());
    }

    /** ipmi_sim offers suites 0-11 only: a suite 17 session is refused at Open Session (as ipmitool -C 17 is). */
    @Test
    void ipmiSimRefusesCipherSuite17() {
        IpmiSettings suite17 = login(settings.user(), settings.passwordFile(), settings.passwordEnv(), "17");

        VirtException refused =
                assertThrows(VirtException.class, () -> power(suite17).powerOn());

        assertTrue(
                refused.getMessage().contains("invalid authentication algorithm (RAKP status 0x04)"),
                refused.getMessage());
    }

    @Test
    void aRestartedBmcGetsANewSessionAtTheNextRead() throws IOException {
        IpmiPowerControl power = power(settings);
        assertEquals(PowerState.OFF, power.state());
        RmcpSession session = session();
        assertEquals(1, session.sessionsOpened());

        bmc.restart();

        power.powerOn(); // its first read finds the session forgotten, and opens another
        assertEquals(PowerState.ON, power.state());
        assertEquals(2, session.sessionsOpened());
    }

    @Test
    void manyThreadsReadThroughOneSession() throws Exception {
        IpmiPowerControl first = power(settings);
        IpmiPowerControl second = power(settings); // another node on the same BMC
        first.powerOn();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PowerState>> reads = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                IpmiPowerControl node = i % 2 == 0 ? first : second;
                reads.add(pool.submit(node::state));
            }
            for (Future<PowerState> read : reads) {
                assertEquals(PowerState.ON, read.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, session().sessionsOpened());
        assertEquals(List.of(), runner.lines());
    }

    @Test
    void theLastUserClosesTheSession() {
        IpmiPowerControl first = power(settings);
        IpmiBootControl boot = new IpmiBootControl(settings, runner);
        assertEquals(PowerState.OFF, first.state());
        RmcpSession session = session();
        assertTrue(session.established());

        first.close();
        assertTrue(session.established(), "the boot control still holds it");
        boot.close();
        assertFalse(session.established(), "closed with its last user");
    }

    private IpmiSettings withPassword(Path file) {
        return login(settings.user(), Optional.of(file), Optional.empty(), settings.cipherSuite());
    }

    /** The BMC's settings on the native client, with this login. */
    private IpmiSettings login(String user, Optional<Path> passwordFile, Optional<String> passwordEnv, String suite) {
        return SettingsCopy.of(settings)
                .login(user, passwordFile, passwordEnv)
                .cipherSuite(suite)
                .client(IpmiSettings.Client.NATIVE)
                .build();
    }
}
