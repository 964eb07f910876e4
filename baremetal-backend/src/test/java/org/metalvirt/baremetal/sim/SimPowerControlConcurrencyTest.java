package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.metalvirt.baremetal.sim.SimulatedServer.Phase;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.testing.EdgeRecorder;

/**
 * The daemon never drives one server from two threads at once, but out-of-band actions and a
 * misbehaving caller can: the simulation must stay consistent and never deadlock.
 */
class SimPowerControlConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 50;

    @Test
    void concurrentPowerOnsAndOffsEndInTheStateTheBoardIsIn() throws Exception {
        try (SimulatedServer server = new SimulatedServer("n1", SimTimings.fast())) {
            SimPowerControl power = new SimPowerControl(server);
            EdgeRecorder edges = new EdgeRecorder();
            power.watch(edges);
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Random random = new Random(t);
                    threads.add(new Thread(
                            () -> {
                                try {
                                    start.await();
                                    for (int call = 0; call < CALLS_PER_THREAD; call++) {
                                        if (random.nextBoolean()) {
                                            powerOnUnlessCutShort(power);
                                        } else {
                                            power.powerOff();
                                        }
                                    }
                                } catch (Throwable e) {
                                    unexpected.add(e);
                                }
                            },
                            "caller-" + t));
                }
                threads.forEach(Thread::start);
                start.countDown();
                for (Thread thread : threads) {
                    thread.join();
                }
            });

            assertEquals(List.of(), List.copyOf(unexpected));
            Phase settled = server.phase();
            assertTrue(settled == Phase.ON || settled == Phase.OFF, "nothing left under way: " + settled);
            assertEquals(server.powerGood() ? PowerState.ON : PowerState.OFF, power.state());
            assertEdgesAlternateAndEndAt(edges.seen(), power.state());
        }
    }

    /** A power-on another caller forces off before power good fails; that is the only failure allowed. */
    private static void powerOnUnlessCutShort(SimPowerControl power) {
        try {
            power.powerOn();
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.OPERATION_FAILED) {
                throw e;
            }
        }
    }

    private static void assertEdgesAlternateAndEndAt(List<PowerState> edges, PowerState now) {
        PowerState level = PowerState.OFF;
        for (PowerState edge : edges) {
            assertNotEquals(level, edge, "two edges the same way in " + edges);
            level = edge;
        }
        assertEquals(now, level, "the last edge told is the state the board is in");
    }
}
