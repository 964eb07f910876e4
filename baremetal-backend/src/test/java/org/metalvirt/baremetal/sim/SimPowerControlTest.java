package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalvirt.baremetal.sim.Sim.FAST;
import static org.metalvirt.baremetal.sim.Sim.HUNG_OS;
import static org.metalvirt.baremetal.sim.Sim.SLOW_POWER_ON;
import static org.metalvirt.baremetal.sim.Sim.assertVirtError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.baremetal.sim.SimulatedServer.Phase;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.testing.EdgeRecorder;

/** The PowerControl contract, as the domain service relies on it, against the simulated board. */
class SimPowerControlTest {

    private final List<SimulatedServer> servers = new ArrayList<>();
    private final EdgeRecorder edges = new EdgeRecorder();

    private SimPowerControl power(SimTimings timings, boolean startOn) {
        SimulatedServer server = new SimulatedServer("n1", timings, startOn);
        servers.add(server);
        SimPowerControl power = new SimPowerControl(server);
        power.watch(edges);
        return power;
    }

    @AfterEach
    void closeServers() {
        servers.forEach(SimulatedServer::close);
    }

    @Test
    void powerOnReturnsOncePowerGoodIsConfirmedAndListenersKnow() {
        SimPowerControl power = power(FAST, false);
        assertEquals(PowerState.OFF, power.state());

        power.powerOn();

        assertEquals(PowerState.ON, power.state());
        assertEquals(List.of(PowerState.ON), edges.seen(), "told before powerOn returned");
    }

    @Test
    void powerOnIsIdempotent() {
        SimPowerControl power = power(FAST, false);

        power.powerOn();
        power.powerOn();

        assertEquals(PowerState.ON, power.state());
        assertEquals(List.of(PowerState.ON), edges.seen());
    }

    @Test
    void requestShutdownReturnsAtOnceAndTheServerGoesOffWhenItsOsIsDone() throws Exception {
        SimPowerControl power = power(FAST, true);

        power.requestShutdown();

        assertEquals(PowerState.OFF, edges.next());
        assertEquals(PowerState.OFF, power.state());
    }

    @Test
    void requestShutdownOfAnOffServerNeverTurnsItOn() {
        SimPowerControl power = power(FAST, false);

        power.requestShutdown();

        assertEquals(Phase.OFF, power.server().phase(), "no press reached the board");
    }

    @Test
    void aHungOsNeverGoesOffOnRequestButPowerOffForcesIt() {
        SimPowerControl power = power(HUNG_OS, true);

        power.requestShutdown();
        assertEquals(Phase.ON, power.server().phase(), "the OS ignored it: nothing is under way");

        power.powerOff();
        assertEquals(PowerState.OFF, power.state());
        assertEquals(List.of(PowerState.OFF), edges.seen());
    }

    @Test
    void powerOffOfAnOffServerReturnsAtOnce() {
        SimPowerControl power = power(FAST, false);

        power.powerOff();

        assertEquals(PowerState.OFF, power.state());
        assertEquals(List.of(), edges.seen());
    }

    @Test
    void powerOffCancelsAPowerOnUnderWay() {
        SimPowerControl power = power(SLOW_POWER_ON, false);
        power.server().pressPowerButton();
        assertEquals(PowerState.OFF, power.state(), "PWR_OK is not up yet");

        power.powerOff();

        assertEquals(Phase.OFF, power.server().phase());
    }

    @Test
    void resetOfAnOffServerIsInvalid() {
        SimPowerControl power = power(FAST, false);

        assertVirtError(ErrorNumber.OPERATION_INVALID, power::reset);
    }

    @Test
    void resetOfARunningServerKeepsItOn() {
        SimPowerControl power = power(FAST, true);

        power.reset();

        assertEquals(PowerState.ON, power.state());
        assertEquals(List.of(), edges.seen());
    }

    @Test
    void anNmiReachesTheRunningOsWhichRecordsItAndRunsOn() {
        SimPowerControl power = power(FAST, true);

        power.injectNmi();
        power.injectNmi();

        assertEquals(2, power.server().nmis());
        assertEquals(PowerState.ON, power.state());
        assertEquals(List.of(), edges.seen());
    }

    @Test
    void anNmiToAnOffServerIsInvalidAndNotRecorded() {
        SimPowerControl power = power(FAST, false);

        assertVirtError(ErrorNumber.OPERATION_INVALID, power::injectNmi);
        power.server().pressNmi(); // the front-panel button of an off board: no CPU runs to take it

        assertEquals(0, power.server().nmis());
    }

    @Test
    void aButtonPressedOutOfBandIsReportedToWatchers() throws Exception {
        SimPowerControl power = power(FAST, false);

        power.server().pressPowerButton();

        assertEquals(PowerState.ON, edges.next());
        assertEquals(PowerState.ON, power.state());
    }

    @Test
    void theOsPoweringItselfOffIsReportedToWatchers() throws Exception {
        SimPowerControl power = power(FAST, true);

        power.server().osPowersOff();

        assertEquals(PowerState.OFF, edges.next());
        assertEquals(PowerState.OFF, power.state());
    }

    @Test
    void anUnreadableStateIsUnknownAndEveryOperationFails() {
        SimPowerControl power = power(FAST, true);
        power.server().setReadable(false);

        assertEquals(PowerState.UNKNOWN, power.state());
        for (Runnable operation :
                List.<Runnable>of(power::powerOn, power::powerOff, power::requestShutdown, power::reset)) {
            VirtException e = assertVirtError(ErrorNumber.OPERATION_FAILED, operation::run);
            assertEquals("cannot read the power state of node n1", e.getMessage());
        }
        assertTrue(power.server().powerGood(), "nothing reached the board");

        power.server().setReadable(true);
        assertEquals(PowerState.ON, power.state());
    }

    @Test
    void aPowerOnNotConfirmedInTimeIsATimeout() {
        SimulatedServer server = new SimulatedServer("n1", SLOW_POWER_ON);
        servers.add(server);
        SimPowerControl power = new SimPowerControl(server, Duration.ofMillis(50));

        VirtException e = assertVirtError(ErrorNumber.OPERATION_TIMEOUT, power::powerOn);
        assertEquals("timed out after 50 ms waiting for node n1 to report power good", e.getMessage());
    }

    @Test
    void aPowerOffNotConfirmedInTimeIsATimeout() {
        SimulatedServer server = new SimulatedServer(
                "n1", new SimTimings(FAST.powerOn(), FAST.osShutdown(), false, Sim.NEVER, FAST.reset()), true);
        servers.add(server);
        SimPowerControl power = new SimPowerControl(server, Duration.ofMillis(50));

        assertVirtError(ErrorNumber.OPERATION_TIMEOUT, power::powerOff);
        assertEquals(PowerState.ON, power.state(), "the button is still held");
    }

    @Test
    void confirmationsWaitByDefaultForTheSlowestPowerDelayPlusTenSeconds() {
        SimulatedServer server = new SimulatedServer(
                "n1",
                new SimTimings(
                        Duration.ofSeconds(3), Duration.ofSeconds(2), false, Duration.ofSeconds(4), Duration.ZERO));
        servers.add(server);

        assertEquals(Duration.ofSeconds(14), new SimPowerControl(server).confirmTimeout());
    }

    @Test
    void aListenerWaitingForPowerGetsAnErrorInsteadOfADeadlock() throws Exception {
        SimPowerControl power = power(FAST, false);
        CompletableFuture<VirtException> refused = new CompletableFuture<>();
        power.watch(state -> {
            try {
                power.powerOff();
                refused.complete(null);
            } catch (VirtException e) {
                refused.complete(e);
            }
        });

        power.powerOn();

        assertEquals(
                ErrorNumber.INTERNAL_ERROR, refused.get(10, TimeUnit.SECONDS).number());
    }
}
