package org.metalvirt.baremetal.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.baremetal.gpio.GpioLine;
import org.metalvirt.baremetal.gpio.LineRequest;
import org.metalvirt.baremetal.sim.SimTimings;
import org.metalvirt.baremetal.sim.SimulatedServer;
import org.metalvirt.baremetal.testing.ManualTimer;

/** The simulated board's front panel: a press is a press and a hold is a hold, however threads interleave. */
class SimulatedAtxChipTest {

    private static final Duration OVERRIDE = Duration.ofSeconds(4);
    private static final SimTimings AT_ONCE =
            new SimTimings(Duration.ZERO, Duration.ZERO, false, Duration.ZERO, Duration.ZERO);

    private final SimulatedServer server = new SimulatedServer("n1", AT_ONCE, true);

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aButtonReleasedWhileTheOverrideIsStillFinishingLeavesTheBoardOff() throws Exception {
        StallingTimer clock = new StallingTimer();
        GpioLine button = button(clock);
        button.set(true);
        clock.fireAndStall(); // the hold forced the board off; its thread has not finished yet

        button.set(false); // the driver saw PWR_OK fall and lets go
        clock.finish();

        assertFalse(server.powerGood(), "a release after the forced off is not a press that powers it on");
    }

    @Test
    void aButtonReleasedBeforeTheOverrideIsAPress() {
        server.holdPowerButton();
        ManualTimer clock = new ManualTimer();
        GpioLine button = button(clock);
        button.set(true);
        clock.advance(OVERRIDE.dividedBy(2));

        button.set(false);
        clock.advance(OVERRIDE);

        assertTrue(server.powerGood(), "the press turned the off board on, and no hold followed");
    }

    /** A rack of boards, each button held at once: their overrides wait on one thread, not one each. */
    @Test
    void theButtonsOfEveryBoardAreTimedOnOneThread() {
        List<SimulatedServer> servers = new ArrayList<>();
        List<SimulatedAtxChip> chips = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                SimulatedServer board = new SimulatedServer("rack-" + i, AT_ONCE, true);
                servers.add(board);
                SimulatedAtxChip chip = new SimulatedAtxChip(board, 0, 1, 2, OVERRIDE);
                chips.add(chip);
                chip.request(LineRequest.button(0, true, false, "t")).set(true);
            }
            List<String> timers = Thread.getAllStackTraces().keySet().stream()
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("atx-"))
                    .toList();
            assertEquals(List.of("atx-hold"), timers);
        } finally {
            chips.forEach(SimulatedAtxChip::close);
            servers.forEach(SimulatedServer::close);
        }
    }

    private GpioLine button(HoldTimer clock) {
        return new SimulatedAtxChip(server, 0, 1, 2, OVERRIDE, clock).request(LineRequest.button(0, true, false, "t"));
    }

    /** Runs the override on a thread of its own when told, and lets that thread finish only when told. */
    private static final class StallingTimer implements HoldTimer {
        private final CountDownLatch fired = new CountDownLatch(1);
        private final CountDownLatch finish = new CountDownLatch(1);
        private FutureTask<Void> task;
        private Thread thread;

        @Override
        public Future<?> schedule(Runnable work, Duration delay) {
            task = new FutureTask<>(() -> {
                work.run();
                fired.countDown();
                finish.await();
                return null;
            });
            return task;
        }

        void fireAndStall() throws InterruptedException {
            thread = new Thread(task, "override");
            thread.start();
            assertTrue(fired.await(10, TimeUnit.SECONDS), "the override ran");
        }

        void finish() throws InterruptedException {
            finish.countDown();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }

        @Override
        public void close() {}
    }
}
