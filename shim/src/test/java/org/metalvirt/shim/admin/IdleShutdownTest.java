package org.metalvirt.shim.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** virt-admin's daemon-timeout: the daemon stops once idle that long, and only when the timeout is set. */
class IdleShutdownTest {

    @Test
    void anIdleDaemonStopsOnceTheTimeoutRunsOut() {
        AtomicBoolean stopped = new AtomicBoolean();
        try (IdleShutdown idle = new IdleShutdown(() -> true, () -> stopped.set(true))) {
            idle.set(1);
            await().atMost(Duration.ofSeconds(30)).untilTrue(stopped);
        }
    }

    @Test
    void aBusyDaemonOrATimeoutTurnedOffNeverStops() {
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicBoolean busySeen = new AtomicBoolean();
        try (IdleShutdown busy = new IdleShutdown(
                () -> {
                    busySeen.set(true);
                    return false;
                },
                () -> stopped.set(true))) {
            busy.set(1);
            await().atMost(Duration.ofSeconds(30)).untilTrue(busySeen);
            busy.set(0);
        }
        assertFalse(stopped.get());
    }
}
