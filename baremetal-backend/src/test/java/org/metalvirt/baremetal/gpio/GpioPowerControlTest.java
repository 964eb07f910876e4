package org.metalvirt.baremetal.gpio;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.baremetal.board.SimulatedAtxChip;
import org.metalvirt.baremetal.sim.SimTimings;
import org.metalvirt.baremetal.sim.SimulatedServer;
import org.metalvirt.baremetal.testing.ManualTimer;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.testing.EdgeRecorder;

/**
 * The GPIO driver's ATX sequencing, against a simulated board behind the GPIO line seam: the
 * button's press and hold, the reset line, and PWR_OK edges as the only confirmation.
 */
class GpioPowerControlTest {

    private static final int POWER = 3;
    private static final int RESET = 4;
    private static final int PWR_OK = 5;
    private static final int NMI = 6;
    /** On the board's own clock, which only the test moves: a press stays a press however the threads run. */
    private static final Duration OVERRIDE = Duration.ofSeconds(4);

    private static final AtxTimings TIMINGS = new AtxTimings(
            Duration.ofMillis(10),
            Duration.ofMillis(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ZERO);
    private static final SimTimings BOARD =
            new SimTimings(Duration.ofMillis(30), Duration.ofMillis(80), false, Duration.ZERO, Duration.ofMillis(20));

    private SimulatedServer server;
    private SimulatedAtxChip chip;
    private final ManualTimer boardClock = new ManualTimer();
    private GpioPowerControl power;
    private final EdgeRecorder edges = new EdgeRecorder();

    private GpioPowerControl wire(SimTimings board, AtxTimings timings, OptionalInt reset) {
        return wire(board, timings, reset, OptionalInt.empty());
    }

    /** A board with an NMI button; {@code nmi} says whether the card's line is wired to it. */
    private GpioPowerControl wire(SimTimings board, AtxTimings timings, OptionalInt reset, OptionalInt nmi) {
        server = new SimulatedServer("n1", board);
        chip = new SimulatedAtxChip(server, POWER, RESET, OptionalInt.of(NMI), PWR_OK, OVERRIDE, boardClock);
        power = GpioPowerControl.open(
                "n1", chip, new GpioWiring(POWER, reset, nmi, PWR_OK, true, true, false), timings);
        power.watch(edges);
        return power;
    }

    private GpioPowerControl wire() {
        return wire(BOARD, TIMINGS, OptionalInt.of(RESET));
    }

    @AfterEach
    void unplug() {
        if (power != null) {
            power.close();
            chip.close();
            server.close();
        }
    }

    @Test
    void powerOnPulsesTheButtonAndReturnsOncePowerGoodRose() throws InterruptedException {
        wire();
        assertEquals(PowerState.OFF, power.state());

        power.powerOn();

        assertEquals(PowerState.ON, power.state());
        assertEquals(List.of(PowerState.ON), edges.seen(), "listeners knew before powerOn returned");
    }

    @Test
    void powerOnWhenOnPressesNothing() throws InterruptedException {
        wire();
        power.powerOn();
        power.powerOn();
        assertEquals(List.of(PowerState.ON), edges.seen());
        assertEquals(PowerState.ON, power.state(), "a second press would have asked the OS to shut down");
    }

    @Test
    void softOffPressesOnceAndTheOsTakesItsTimeToPowerOff() throws InterruptedException {
        wire();
        power.powerOn();
        assertEquals(PowerState.ON, edges.next());

        power.requestShutdown();

        assertEquals(PowerState.OFF, edges.next(), "PWR_OK fell once the OS was done");
        assertEquals(PowerState.OFF, power.state());
    }

    @Test
    void softOffOfAnOffServerPressesNothing() throws InterruptedException {
        wire();
        power.requestShutdown();
        power.powerOn(); // would be ignored by the board if the shutdown had pressed (it powers on)
        assertEquals(List.of(PowerState.ON), edges.seen());
    }

    @Test
    void aHungOsIgnoresTheButtonAndDestroyHoldsItUntilOff() throws Exception {
        wire();
        power.powerOn();
        server.setOsHangs(true);

        power.requestShutdown();
        CompletableFuture<Void> off = CompletableFuture.runAsync(power::powerOff);
        await("the button held").atMost(Duration.ofSeconds(10)).until(() -> boardClock.waiting() == 1);
        boardClock.advance(OVERRIDE);
        off.get(10, TimeUnit.SECONDS);

        assertEquals(PowerState.OFF, power.state());
        assertEquals(List.of(PowerState.ON, PowerState.OFF), edges.seen());
    }

    @Test
    void powerOffWhenOffIsDone() {
        wire();
        power.powerOff();
        assertEquals(PowerState.OFF, power.state());
        assertEquals(List.of(), edges.seen());
    }

    @Test
    void resetPulsesTheResetLineAndPowerStaysGood() throws InterruptedException {
        wire();
        power.powerOn();

        power.reset();

        assertEquals(PowerState.ON, power.state());
        assertEquals(List.of(PowerState.ON), edges.seen(), "PWR_OK never fell");
    }

    @Test
    void resetOfAnOffServerIsInvalid() {
        wire();
        VirtException refused = assertThrows(VirtException.class, power::reset);
        assertEquals(ErrorNumber.OPERATION_INVALID, refused.number());
    }

    @Test
    void resetWithoutAResetLineIsNotSupported() throws InterruptedException {
        wire(BOARD, TIMINGS, OptionalInt.empty());
        power.powerOn();
        VirtException refused = assertThrows(VirtException.class, power::reset);
        assertEquals(ErrorNumber.NO_SUPPORT, refused.number());
    }

    @Test
    void anNmiPulsesTheNmiLineAndTheRunningOsReceivesItWithPowerStayingGood() throws InterruptedException {
        wire(BOARD, TIMINGS, OptionalInt.of(RESET), OptionalInt.of(NMI));
        power.powerOn();

        power.injectNmi();
        power.injectNmi();

        assertEquals(2, server.nmis());
        assertEquals(PowerState.ON, power.state());
        assertEquals(List.of(PowerState.ON), edges.seen(), "PWR_OK never fell");
    }

    @Test
    void anNmiToAnOffServerIsInvalidAndPressesNothing() {
        wire(BOARD, TIMINGS, OptionalInt.of(RESET), OptionalInt.of(NMI));

        VirtException refused = assertThrows(VirtException.class, power::injectNmi);

        assertEquals(ErrorNumber.OPERATION_INVALID, refused.number());
        assertEquals(0, server.nmis());
    }

    @Test
    void anNmiWithoutAnNmiLineIsNotSupported() throws InterruptedException {
        wire();
        power.powerOn();

        VirtException refused = assertThrows(VirtException.class, power::injectNmi);

        assertEquals(ErrorNumber.NO_SUPPORT, refused.number());
        assertTrue(refused.getMessage().contains("gpio.nmi"), refused.getMessage());
        assertEquals(0, server.nmis());
    }

    @Test
    void aButtonPressedOnTheFrontPanelIsReportedAsItHappens() throws InterruptedException {
        wire();

        server.pressPowerButton();

        assertEquals(PowerState.ON, edges.next());
        assertEquals(PowerState.ON, power.state());
        server.pressPowerButton();
        assertEquals(PowerState.OFF, edges.next());
    }

    @Test
    void aBoardThatNeverReportsPowerGoodTimesOut() {
        SimTimings dead = new SimTimings(Duration.ofHours(1), Duration.ZERO, false, Duration.ZERO, Duration.ZERO);
        AtxTimings impatient = new AtxTimings(
                Duration.ofMillis(10),
                Duration.ofMillis(10),
                Duration.ofMillis(100),
                Duration.ofSeconds(10),
                Duration.ZERO);
        wire(dead, impatient, OptionalInt.of(RESET));

        VirtException late = assertThrows(VirtException.class, power::powerOn);

        assertEquals(ErrorNumber.OPERATION_TIMEOUT, late.number());
    }

    @Test
    void aHoldShorterThanTheBoardsOverrideTimesOutAndReleasesTheButton() throws InterruptedException {
        AtxTimings tooShort = new AtxTimings(
                Duration.ofMillis(10),
                Duration.ofMillis(10),
                Duration.ofSeconds(10),
                Duration.ofMillis(50),
                Duration.ZERO);
        wire(BOARD, tooShort, OptionalInt.of(RESET));
        power.powerOn();
        server.setOsHangs(true);

        VirtException late = assertThrows(VirtException.class, power::powerOff);

        assertEquals(ErrorNumber.OPERATION_TIMEOUT, late.number());
        assertEquals(PowerState.ON, power.state(), "released before the override: a press the hung OS ignores");
    }

    @Test
    void anUnreadablePowerOkIsUnknownAndFailsOperations() {
        wire();
        server.setReadable(false);
        assertEquals(PowerState.UNKNOWN, power.state());
        // An operator's check is told why the line cannot be read.
        assertEquals(
                ErrorNumber.OPERATION_FAILED,
                assertThrows(VirtException.class, power::checkedState).number());
        assertEquals(
                ErrorNumber.OPERATION_FAILED,
                assertThrows(VirtException.class, power::powerOn).number());
    }
}
