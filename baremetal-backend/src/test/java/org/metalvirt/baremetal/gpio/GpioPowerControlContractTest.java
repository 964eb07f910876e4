package org.metalvirt.baremetal.gpio;

import java.time.Duration;
import java.util.OptionalInt;
import org.metalvirt.baremetal.board.HoldTimer;
import org.metalvirt.baremetal.board.SimulatedAtxChip;
import org.metalvirt.baremetal.sim.SimTimings;
import org.metalvirt.baremetal.sim.SimulatedServer;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.testing.PowerControlContract;

/** The PowerControl contract against the GPIO driver on a simulated ATX board, as {@code simboard} wires it, NMI line included. */
class GpioPowerControlContractTest extends PowerControlContract {

    private static final int POWER = 0;
    private static final int RESET = 1;
    private static final int PWR_OK = 2;
    private static final int NMI = 3;

    private SimulatedServer server;
    private SimulatedAtxChip chip;
    private GpioPowerControl gpio;

    @Override
    protected PowerControl create() {
        server = new SimulatedServer("n1", SimTimings.fast());
        // A press of 10 ms against a hold of 1 s: a stalled thread cannot turn a press into a hold.
        chip = new SimulatedAtxChip(
                server, POWER, RESET, OptionalInt.of(NMI), PWR_OK, Duration.ofSeconds(1), HoldTimer.wallClock());
        gpio = GpioPowerControl.open(
                "n1",
                chip,
                new GpioWiring(POWER, OptionalInt.of(RESET), OptionalInt.of(NMI), PWR_OK, true, true, false),
                new AtxTimings(
                        Duration.ofMillis(10),
                        Duration.ofMillis(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ZERO));
        return gpio;
    }

    @Override
    protected void destroy() {
        gpio.close();
        chip.close();
        server.close();
    }

    @Override
    protected boolean breakPowerReading() {
        server.setReadable(false);
        return true;
    }
}
