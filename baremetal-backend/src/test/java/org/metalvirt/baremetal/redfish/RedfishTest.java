package org.metalvirt.baremetal.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.redfish.FakeRedfish.Call;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.PowerState;

/** The Redfish driver against a local service implementing the subset it uses. */
class RedfishTest {

    private static final String RESET = FakeRedfish.SYSTEM + "/Actions/ComputerSystem.Reset";

    @TempDir
    Path dir;

    private FakeRedfish bmc;
    private RedfishSettings settings;
    private RedfishPowerControl power;

    @BeforeEach
    void start() throws IOException {
        bmc = new FakeRedfish("admin", "s3cret");
        Path password = dir.resolve("redfish.pw");
        Files.writeString(password, "s3cret\n");
        settings = settings(password, Duration.ofSeconds(10));
        power = new RedfishPowerControl("n1", settings);
    }

    private RedfishSettings settings(Path password, Duration requestTimeout) {
        return bmc.settings(password, requestTimeout);
    }

    @AfterEach
    void stop() {
        power.close();
        bmc.close();
    }

    private static Call reset(String type) {
        return new Call("POST", RESET, "{\"ResetType\":\"" + type + "\"}");
    }

    @Test
    void powerOnPostsOnAndReadsUntilPoweringOnIsOver() {
        power.powerOn();
        assertEquals(List.of(reset("On")), bmc.changes());
        assertEquals(PowerState.ON, power.state());
    }

    @Test
    void theSystemIsFoundInTheSystemsCollection() {
        power.state();
        assertEquals(new Call("GET", "/redfish/v1/Systems", ""), bmc.calls().get(0));
    }

    @Test
    void eachOperationIsItsResetType() {
        bmc.powerState("On");
        power.reset();
        power.gracefulRestart();
        power.requestShutdown();
        assertEquals(PowerState.ON, power.state(), "PoweringOff is still on");
        assertEquals(PowerState.OFF, power.state());
        power.powerOn();
        power.powerOff();
        assertEquals(
                List.of(
                        reset("ForceRestart"),
                        reset("GracefulRestart"),
                        reset("GracefulShutdown"),
                        reset("On"),
                        reset("ForceOff")),
                bmc.changes());
    }

    @Test
    void operationsInTheStateAskedForSendNothing() {
        power.powerOff();
        power.requestShutdown();
        bmc.powerState("On");
        power.powerOn();
        assertEquals(List.of(), bmc.changes());
    }

    @Test
    void restartingAnOffServerIsInvalid() {
        assertEquals(
                ErrorNumber.OPERATION_INVALID,
                assertThrows(VirtException.class, power::reset).number());
        assertEquals(
                ErrorNumber.OPERATION_INVALID,
                assertThrows(VirtException.class, power::gracefulRestart).number());
    }

    @Test
    void bootSourceOverrideIsPatchedOnTheSystem() {
        RedfishBootControl boot = new RedfishBootControl(settings);
        boot.setBootOrder(List.of(BootDevice.NETWORK, BootDevice.DISK));
        assertEquals(
                "{\"BootSourceOverrideTarget\":\"Pxe\",\"BootSourceOverrideEnabled\":\"Continuous\"}",
                bmc.boot().toString());
        RedfishSettings once = new RedfishSettings(
                settings.url(),
                settings.system(),
                settings.user(),
                settings.passwordFile(),
                false,
                settings.requestTimeout(),
                settings.confirmTimeout(),
                settings.confirmPoll(),
                settings.watchInterval(),
                "Once");
        new RedfishBootControl(once).setBootOrder(List.of(BootDevice.DISK));
        assertEquals(
                "{\"BootSourceOverrideTarget\":\"Hdd\",\"BootSourceOverrideEnabled\":\"Once\"}",
                bmc.boot().toString());
        boot.setBootOrder(List.of());
        assertEquals("{\"BootSourceOverrideEnabled\":\"Disabled\"}", bmc.boot().toString());
        assertEquals("PATCH", bmc.changes().get(0).method());
    }

    @Test
    void theBootModeGoesWithTheOverride() {
        RedfishBootControl boot = new RedfishBootControl(settings);
        boot.setBoot(List.of(BootDevice.DISK), Optional.of(FirmwareMode.EFI));
        assertEquals(
                "{\"BootSourceOverrideTarget\":\"Hdd\",\"BootSourceOverrideEnabled\":\"Continuous\","
                        + "\"BootSourceOverrideMode\":\"UEFI\"}",
                bmc.boot().toString());
        boot.setBoot(List.of(BootDevice.DISK), Optional.of(FirmwareMode.BIOS));
        assertEquals(
                "{\"BootSourceOverrideTarget\":\"Hdd\",\"BootSourceOverrideEnabled\":\"Continuous\","
                        + "\"BootSourceOverrideMode\":\"Legacy\"}",
                bmc.boot().toString());
    }

    @Test
    void anNmiPostsResetTypeNmiToARunningSystem() {
        bmc.powerState("On");

        power.injectNmi();

        assertEquals(List.of(reset("Nmi")), bmc.changes());
        assertEquals(1, bmc.nmis());
        assertEquals(PowerState.ON, power.state());
    }

    @Test
    void aSystemWhoseResetTypesLackNmiHasNoNmiAndIsSentNothing() {
        bmc.powerState("On");
        bmc.resetTypes(List.of("On", "ForceOff", "ForceRestart"));

        VirtException refused = assertThrows(VirtException.class, power::injectNmi);

        assertEquals(ErrorNumber.NO_SUPPORT, refused.number());
        assertEquals(List.of(), bmc.changes());
    }

    @Test
    void aSystemThatListsNoResetTypesIsSentTheNmi() {
        bmc.powerState("On");
        bmc.resetTypes(null);

        power.injectNmi();

        assertEquals(List.of(reset("Nmi")), bmc.changes());
    }

    @Test
    void anNmiToASystemThatIsOffIsInvalidAndSentNothing() {
        VirtException refused = assertThrows(VirtException.class, power::injectNmi);

        assertEquals(ErrorNumber.OPERATION_INVALID, refused.number());
        assertEquals(List.of(), bmc.changes());
    }

    @Test
    void aServiceErrorIsAFailureCarryingTheRedfishMessage() {
        bmc.failWith(500);
        VirtException failed = assertThrows(VirtException.class, power::powerOn);
        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
        assertTrue(failed.getMessage().contains("500"), failed.getMessage());
        assertTrue(failed.getMessage().contains("The action was refused by the service."), failed.getMessage());
        assertEquals(PowerState.UNKNOWN, power.state(), "an unreadable state is not guessed");
    }

    @Test
    void aWrongPasswordIsAFailure() throws IOException {
        Path wrong = dir.resolve("wrong.pw");
        Files.writeString(wrong, "nope");
        RedfishPowerControl stranger = new RedfishPowerControl("n1", settings(wrong, Duration.ofSeconds(10)));
        VirtException refused = assertThrows(VirtException.class, stranger::powerOn);
        assertEquals(ErrorNumber.OPERATION_FAILED, refused.number());
        assertTrue(refused.getMessage().contains("401"), refused.getMessage());
        stranger.close();
    }

    @Test
    void aServiceThatDoesNotAnswerTimesOut() {
        bmc.hang();
        RedfishPowerControl impatient =
                new RedfishPowerControl("n1", settings(settings.passwordFile(), Duration.ofMillis(200)));
        VirtException late = assertThrows(VirtException.class, impatient::powerOn);
        assertEquals(ErrorNumber.OPERATION_TIMEOUT, late.number());
        impatient.close();
    }

    @Test
    void redfishErrorBodiesAreReadForTheirMessages() {
        assertEquals(
                "oops; detail",
                RedfishClient.errorMessage(
                        "{\"error\":{\"message\":\"oops\",\"@Message.ExtendedInfo\":[{\"Message\":\"detail\"}]}}"));
        assertEquals("<html>502</html>", RedfishClient.errorMessage("<html>502</html>"));
    }
}
