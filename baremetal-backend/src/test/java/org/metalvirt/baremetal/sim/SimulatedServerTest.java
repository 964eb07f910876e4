package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalvirt.baremetal.sim.Sim.FAST;
import static org.metalvirt.baremetal.sim.Sim.HUNG_OS;
import static org.metalvirt.baremetal.sim.Sim.SLOW_OS_SHUTDOWN;
import static org.metalvirt.baremetal.sim.Sim.SLOW_POWER_ON;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.baremetal.sim.SimulatedServer.Phase;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.testing.EdgeRecorder;

/** The board and its OS, driven through the front panel as a person at the rack would. */
class SimulatedServerTest {

    private final List<SimulatedServer> servers = new ArrayList<>();
    private final EdgeRecorder edges = new EdgeRecorder();

    private SimulatedServer server(SimTimings timings, boolean startOn) {
        SimulatedServer server = new SimulatedServer("n1", timings, startOn);
        server.addListener(edges);
        servers.add(server);
        return server;
    }

    @AfterEach
    void closeServers() {
        servers.forEach(SimulatedServer::close);
    }

    @Test
    void pressingTheButtonOfAnOffServerRaisesPowerGoodOnceItHasPoweredOn() throws Exception {
        SimulatedServer server = server(FAST, false);

        server.pressPowerButton();

        assertEquals(PowerState.ON, edges.next());
        assertTrue(server.powerGood());
    }

    @Test
    void pressingTheButtonOfARunningServerShutsItsOsDownThenPowerGoodFalls() throws Exception {
        SimulatedServer server = server(FAST, true);

        server.pressPowerButton();

        assertEquals(PowerState.OFF, edges.next());
        assertFalse(server.powerGood());
    }

    @Test
    void aServerStartedOnIsRunningWithoutAnEdge() {
        SimulatedServer server = server(FAST, true);

        assertTrue(server.powerGood());
        assertEquals(Phase.ON, server.phase());
        assertEquals(List.of(), edges.seen());
    }

    @Test
    void pressesWhilePoweringOnAreIgnored() {
        SimulatedServer server = server(SLOW_POWER_ON, false);

        server.pressPowerButton();
        server.pressPowerButton();
        server.pressPowerButton();

        assertEquals(Phase.POWERING_ON, server.phase());
    }

    @Test
    void pressesWhileTheOsShutsDownAreIgnored() {
        SimulatedServer server = server(SLOW_OS_SHUTDOWN, true);

        server.pressPowerButton();
        server.pressPowerButton();

        assertEquals(Phase.SHUTTING_DOWN, server.phase());
        assertTrue(server.powerGood(), "PWR_OK stays high until the OS is done");
    }

    @Test
    void aHungOsIgnoresTheButtonButHoldingItForcesPowerOff() throws Exception {
        SimulatedServer server = server(HUNG_OS, true);

        server.pressPowerButton();
        assertEquals(Phase.ON, server.phase(), "the ACPI event is ignored: nothing is under way");

        server.holdPowerButton();
        assertEquals(PowerState.OFF, edges.next());
        assertFalse(server.powerGood());
    }

    @Test
    void holdingTheButtonForcesOffOnlyAfterHardOff() throws Exception {
        SimulatedServer held =
                server(new SimTimings(FAST.powerOn(), FAST.osShutdown(), true, Sim.NEVER, FAST.reset()), true);

        held.holdPowerButton();
        assertTrue(held.powerGood(), "still on while the button is held");

        SimulatedServer briefly = server(
                new SimTimings(FAST.powerOn(), FAST.osShutdown(), true, Duration.ofMillis(20), FAST.reset()), true);
        briefly.holdPowerButton();
        assertEquals(PowerState.OFF, edges.next());
        assertFalse(briefly.powerGood());
    }

    @Test
    void holdingTheButtonWhilePoweringOnCancelsItWithoutAnEdge() {
        SimulatedServer server = server(SLOW_POWER_ON, false);
        server.pressPowerButton();

        server.holdPowerButton();

        assertEquals(Phase.OFF, server.phase());
        assertEquals(List.of(), edges.seen(), "PWR_OK never rose");
    }

    @Test
    void holdingTheButtonOfAnOffServerDoesNothing() {
        SimulatedServer server = server(FAST, false);

        server.holdPowerButton();

        assertEquals(Phase.OFF, server.phase());
    }

    @Test
    void resetRestartsTheOsWithoutDroppingPowerGoodAndCancelsAShutdownUnderWay() {
        SimulatedServer server = server(SLOW_OS_SHUTDOWN, true);
        server.pressPowerButton();
        assertEquals(Phase.SHUTTING_DOWN, server.phase());

        server.pressReset();

        assertEquals(Phase.ON, server.phase());
        assertEquals(List.of(), edges.seen());
        server.pressPowerButton();
        assertEquals(Phase.SHUTTING_DOWN, server.phase(), "the restarted OS answers ACPI again");
    }

    @Test
    void aResetTakingTimeKeepsPowerGoodAndIgnoresTheButton() {
        SimulatedServer server =
                server(new SimTimings(FAST.powerOn(), FAST.osShutdown(), false, FAST.hardOff(), Sim.NEVER), true);

        server.pressReset();
        server.pressPowerButton();

        assertEquals(Phase.RESETTING, server.phase());
        assertTrue(server.powerGood());
    }

    @Test
    void resetOfAnOffServerDoesNothing() {
        SimulatedServer server = server(FAST, false);

        server.pressReset();

        assertEquals(Phase.OFF, server.phase());
    }

    @Test
    void theOsPoweringItselfOffDropsPowerGoodAtOnce() throws Exception {
        SimulatedServer server = server(FAST, true);

        server.osPowersOff();

        assertFalse(server.powerGood());
        assertEquals(PowerState.OFF, edges.next());
    }

    @Test
    void theOsCanStopHangingAndThenShutsDown() throws Exception {
        SimulatedServer server = server(HUNG_OS, true);
        server.pressPowerButton();
        assertEquals(Phase.ON, server.phase());

        server.setOsHangs(false);
        server.pressPowerButton();

        assertEquals(PowerState.OFF, edges.next());
    }

    @Test
    void listenersAreToldOnTheOneClockThreadOfAllServersInOrder() throws Exception {
        SimulatedServer server = server(FAST, false);

        server.pressPowerButton();
        assertEquals(PowerState.ON, edges.next());
        server.pressPowerButton();
        assertEquals(PowerState.OFF, edges.next());

        assertEquals(List.of(PowerState.ON, PowerState.OFF), edges.seen());
        assertEquals(List.of("sim-clock", "sim-clock"), edges.threads(), "one clock for a rack, not a thread each");
    }

    @Test
    void aFailingListenerDoesNotKeepOthersFromBeingTold() throws Exception {
        SimulatedServer server = new SimulatedServer("n1", FAST, true);
        servers.add(server);
        server.addListener(state -> {
            throw new IllegalStateException("listener bug");
        });
        server.addListener(edges);

        server.osPowersOff();

        assertEquals(PowerState.OFF, edges.next());
    }

    @Test
    void aWaitForPowerGoodFailsWhenTheServerIsForcedOffFirst() {
        SimulatedServer server = server(SLOW_POWER_ON, false);
        CompletableFuture<Void> on = server.switchOn();

        server.holdPowerButton();

        ExecutionException e = assertThrows(ExecutionException.class, () -> on.get(10, TimeUnit.SECONDS));
        assertEquals(ErrorNumber.OPERATION_FAILED, ((VirtException) e.getCause()).number());
    }

    @Test
    void aClosedServerRefusesActions() {
        SimulatedServer server = server(FAST, false);

        server.close();

        assertThrows(IllegalStateException.class, server::pressPowerButton);
        assertThrows(IllegalStateException.class, server::switchOn);
    }
}
