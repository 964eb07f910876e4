package org.metalvirt.baremetal.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.Failures;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.testing.EdgeRecorder;

/** Changes a BMC driver confirms reach the listeners, even before any poll could read a baseline. */
class PowerWatchTest {

    @Test
    void aConfirmedChangeIsToldWhenTheFirstPollCouldNotReadTheBaseline() throws InterruptedException {
        AtomicInteger reads = new AtomicInteger();
        // The BMC does not answer the first read (a loaded machine, a busy BMC); later reads say on.
        try (PowerWatch watch = new PowerWatch(
                "node0",
                () -> {
                    if (reads.getAndIncrement() == 0) {
                        throw Failures.timedOut(ErrorDomain.NONE, "the BMC did not answer");
                    }
                    return PowerState.ON;
                },
                Duration.ofMillis(50))) {
            EdgeRecorder edges = new EdgeRecorder();
            watch.add(edges);

            watch.observed(PowerState.OFF, PowerState.ON);

            assertEquals(PowerState.ON, edges.next(Duration.ofSeconds(30)));
        }
    }
}
