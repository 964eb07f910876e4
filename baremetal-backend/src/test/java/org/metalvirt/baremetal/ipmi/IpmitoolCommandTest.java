package org.metalvirt.baremetal.ipmi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.testing.RecordingRunner;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.PowerState;

/** The exact ipmitool command lines, the retry policy and the status parsing, without running anything. */
class IpmitoolCommandTest {

    private static final String PREFIX =
            "ipmitool -I lanplus -H 10.0.0.9 -p 623 -U admin -C 3 -f /etc/metalvirt/bmc.pw ";

    private static IpmiSettings settings() {
        return SettingsCopy.of(IpmiSettings.of(
                        "10.0.0.9", 623, "admin", Optional.of(Path.of("/etc/metalvirt/bmc.pw")), Optional.empty()))
                .retries(3, Duration.ZERO)
                .confirm(Duration.ofSeconds(5), Duration.ZERO)
                .watchInterval(Duration.ofSeconds(10))
                .client(IpmiSettings.Client.IPMITOOL)
                .build();
    }

    /** Answers the queued results in order, then success. */
    private static RecordingRunner scripted(CommandResult... results) {
        Deque<CommandResult> queue = new ArrayDeque<>(List.of(results));
        return new RecordingRunner().answering(command -> queue.isEmpty() ? CommandResult.ok("") : queue.poll());
    }

    @Test
    void powerOnOfAnOffServerSwitchesItOnAndReadsUntilItIsOn() {
        RecordingRunner runner = scripted(
                CommandResult.ok("Chassis Power is off\n"),
                CommandResult.ok("Chassis Power Control: Up/On\n"),
                CommandResult.ok("Chassis Power is off\n"),
                CommandResult.ok("Chassis Power is on\n"));
        new IpmiPowerControl("n1", settings(), runner).powerOn();
        assertEquals(
                List.of(
                        PREFIX + "chassis power status",
                        PREFIX + "chassis power on",
                        PREFIX + "chassis power status",
                        PREFIX + "chassis power status"),
                runner.lines());
    }

    @Test
    void softOffAndHardOffAndResetUseTheirOwnChassisControls() {
        RecordingRunner on = scripted(CommandResult.ok("Chassis Power is on\n"));
        new IpmiPowerControl("n1", settings(), on).requestShutdown();
        assertEquals(PREFIX + "chassis power soft", on.lines().get(1));

        RecordingRunner off = scripted(
                CommandResult.ok("Chassis Power is on\n"),
                CommandResult.ok(""),
                CommandResult.ok("Chassis Power is off\n"));
        new IpmiPowerControl("n1", settings(), off).powerOff();
        assertEquals(PREFIX + "chassis power off", off.lines().get(1));

        RecordingRunner reset = scripted(CommandResult.ok("Chassis Power is on\n"));
        new IpmiPowerControl("n1", settings(), reset).reset();
        assertEquals(PREFIX + "chassis power reset", reset.lines().get(1));
    }

    @Test
    void theStatusIsParsedExactlyAndAnythingElseIsUnknown() {
        assertEquals(
                PowerState.ON,
                new IpmiPowerControl("n1", settings(), scripted(CommandResult.ok("Chassis Power is on\n"))).state());
        assertEquals(
                PowerState.OFF,
                new IpmiPowerControl("n1", settings(), scripted(CommandResult.ok("Chassis Power is off\n"))).state());
        assertEquals(
                PowerState.UNKNOWN,
                new IpmiPowerControl("n1", settings(), scripted(CommandResult.ok("Chassis Power is maybe\n"))).state());
        assertEquals(
                PowerState.UNKNOWN,
                new IpmiPowerControl(
                                "n1",
                                settings(),
                                scripted(
                                        CommandResult.failure(1, "Error: Unable to establish IPMI v2 / RMCP+ session")))
                        .state());
    }

    @Test
    void anNmiIsTheDiagnosticInterruptOfARunningServer() {
        RecordingRunner runner =
                scripted(CommandResult.ok("Chassis Power is on\n"), CommandResult.ok("Chassis Power Control: Diag\n"));

        new IpmiPowerControl("n1", settings(), runner).injectNmi();

        assertEquals(List.of(PREFIX + "chassis power status", PREFIX + "chassis power diag"), runner.lines());
    }

    @Test
    void aBmcRefusingTheDiagnosticInterruptHasNoNmiAndOtherFailuresStayFailures() {
        RecordingRunner refusing = scripted(
                CommandResult.ok("Chassis Power is on\n"),
                CommandResult.failure(1, "Set Chassis Power Control to Diag failed: Invalid data field in request"));
        VirtException none =
                assertThrows(VirtException.class, () -> new IpmiPowerControl("n1", settings(), refusing).injectNmi());
        assertEquals(ErrorNumber.NO_SUPPORT, none.number());
        assertEquals(2, refusing.lines().size(), "not retried");

        RecordingRunner broken = scripted(
                CommandResult.ok("Chassis Power is on\n"),
                CommandResult.failure(1, "Error: Unable to establish IPMI v2 / RMCP+ session"));
        VirtException failed =
                assertThrows(VirtException.class, () -> new IpmiPowerControl("n1", settings(), broken).injectNmi());
        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
    }

    @Test
    void resetOfAnOffServerIsInvalid() {
        VirtException refused = assertThrows(
                VirtException.class,
                () -> new IpmiPowerControl("n1", settings(), scripted(CommandResult.ok("Chassis Power is off\n")))
                        .reset());
        assertEquals(ErrorNumber.OPERATION_INVALID, refused.number());
    }

    @Test
    void transientFailuresAreRetriedUpToTheAttempts() {
        RecordingRunner runner = scripted(
                CommandResult.failure(1, "Error: Node busy"),
                CommandResult.failure(1, "insufficient resources for session"),
                CommandResult.ok("Chassis Power is on\n"));
        assertEquals(PowerState.ON, new IpmiPowerControl("n1", settings(), runner).state());
        assertEquals(3, runner.commands().size());

        RecordingRunner busy = scripted(
                CommandResult.failure(1, "Node busy"),
                CommandResult.failure(1, "Node busy"),
                CommandResult.failure(1, "Node busy"),
                CommandResult.ok("Chassis Power is off\n"));
        VirtException gaveUp =
                assertThrows(VirtException.class, () -> new IpmiPowerControl("n1", settings(), busy).powerOn());
        assertEquals(ErrorNumber.OPERATION_FAILED, gaveUp.number());
        assertEquals(3, busy.commands().size());
    }

    @Test
    void otherFailuresAreNotRetried() {
        RecordingRunner runner =
                scripted(CommandResult.failure(1, "Error: Unable to establish IPMI v2 / RMCP+ session"));
        VirtException failed =
                assertThrows(VirtException.class, () -> new IpmiPowerControl("n1", settings(), runner).powerOn());
        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
        assertEquals(1, runner.commands().size());
    }

    @Test
    void aCommandKilledAtItsTimeoutIsATimeout() {
        RecordingRunner runner = new RecordingRunner().answering(command -> new CommandResult(-1, "", "", true));
        VirtException late =
                assertThrows(VirtException.class, () -> new IpmiPowerControl("n1", settings(), runner).powerOff());
        assertEquals(ErrorNumber.OPERATION_TIMEOUT, late.number());
        assertEquals(1, runner.commands().size(), "a timeout is not retried");
        assertEquals(settings().commandTimeout(), runner.commands().get(0).timeout());
    }

    @Test
    void aChangeThatNeverShowsTimesOut() {
        IpmiSettings s = settings();
        IpmiSettings quick = SettingsCopy.of(s)
                .retries(1, Duration.ZERO)
                .confirm(Duration.ofMillis(50), Duration.ofMillis(5))
                .build();
        RecordingRunner runner = new RecordingRunner()
                .answering(
                        command -> CommandResult.ok(command.line().endsWith("status") ? "Chassis Power is off\n" : ""));
        VirtException late =
                assertThrows(VirtException.class, () -> new IpmiPowerControl("n1", quick, runner).powerOn());
        assertEquals(ErrorNumber.OPERATION_TIMEOUT, late.number());
    }

    @Test
    void bootDevicesMapToChassisBootdev() {
        RecordingRunner runner = new RecordingRunner();
        IpmiBootControl boot = new IpmiBootControl(settings(), runner);
        boot.setBootOrder(List.of(BootDevice.NETWORK, BootDevice.DISK));
        boot.setBootOrder(List.of(BootDevice.DISK));
        boot.setBootOrder(List.of());
        assertEquals(
                List.of(
                        PREFIX + "chassis bootdev pxe options=persistent",
                        PREFIX + "chassis bootdev disk options=persistent"),
                runner.lines());
    }

    @Test
    void aUefiBootSetsTheBootFlagsEfiBit() {
        RecordingRunner runner = new RecordingRunner();
        IpmiBootControl boot = new IpmiBootControl(settings(), runner);
        boot.setBoot(List.of(BootDevice.DISK), Optional.of(FirmwareMode.EFI));
        boot.setBoot(List.of(BootDevice.NETWORK), Optional.of(FirmwareMode.BIOS));
        assertEquals(
                List.of(
                        PREFIX + "chassis bootdev disk options=persistent,efiboot",
                        PREFIX + "chassis bootdev pxe options=persistent"),
                runner.lines());
    }

    @Test
    void aPasswordFromTheEnvironmentTravelsInTheChildsEnvironmentOnly() {
        String variable = System.getenv().containsKey("PATH")
                ? "PATH"
                : System.getenv().keySet().iterator().next();
        IpmiSettings fromEnv = SettingsCopy.of(
                        IpmiSettings.of("10.0.0.9", 623, "admin", Optional.empty(), Optional.of(variable)))
                .client(IpmiSettings.Client.IPMITOOL)
                .build();
        RecordingRunner runner = scripted(CommandResult.ok("Chassis Power is on\n"));
        new IpmiPowerControl("n1", fromEnv, runner).state();
        var command = runner.commands().get(0);
        assertEquals("ipmitool -I lanplus -H 10.0.0.9 -p 623 -U admin -C 3 -E chassis power status", command.line());
        assertEquals(System.getenv(variable), command.environment().get("IPMI_PASSWORD"));
        assertFalse(command.toString().contains(System.getenv(variable)), "the value is never shown");
    }

    @Test
    void aMissingPasswordVariableFailsClearly() {
        IpmiSettings fromEnv = SettingsCopy.of(IpmiSettings.of(
                        "10.0.0.9", 623, "admin", Optional.empty(), Optional.of("METALVIRT_TEST_NO_SUCH_VARIABLE")))
                .client(IpmiSettings.Client.IPMITOOL)
                .build();
        VirtException failed = assertThrows(
                VirtException.class, () -> new IpmiPowerControl("n1", fromEnv, new RecordingRunner()).powerOn());
        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
    }
}
