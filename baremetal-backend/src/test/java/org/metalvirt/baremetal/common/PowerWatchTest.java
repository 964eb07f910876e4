package org.metalvirt.baremetal.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.testing.EdgeRecorder;

/**
 * A BMC's changes are found in the driver's reads: the first read is the baseline, each change
 * after it is told once, in order; a stale read never undoes a newer one; and changes the driver
 * confirms reach the listeners even before any read gave a baseline.
 */
class PowerWatchTest {

    private final PowerWatch watch = new PowerWatch("node0");
    private final EdgeRecorder edges = new EdgeRecorder();

    PowerWatchTest() {
        watch.add(edges);
    }

    private void read(PowerState state) {
        watch.read(watch.reading(), state);
    }

    @Test
    void aConfirmedChangeIsToldWhenTheFirstReadCouldNotGiveTheBaseline() throws InterruptedException {
        // The BMC did not answer the first read (a loaded machine, a busy BMC).
        read(PowerState.UNKNOWN);

        watch.observed(PowerState.OFF, PowerState.ON);

        assertEquals(PowerState.ON, edges.next(Duration.ofSeconds(30)));
    }

    @Test
    void theFirstReadIsTheBaselineAndEachLaterChangeIsToldOnceOnTheReadingThread() {
        read(PowerState.ON);
        read(PowerState.ON);
        read(PowerState.OFF);
        read(PowerState.UNKNOWN); // unreadable is no change
        read(PowerState.OFF);
        read(PowerState.ON);

        assertEquals(List.of(PowerState.OFF, PowerState.ON), edges.seen());
        assertEquals(Thread.currentThread().getName(), edges.threads().get(0), "no thread of its own");
    }

    @Test
    void aReadThatBeganBeforeANewerOneWasAppliedIsDropped() {
        read(PowerState.ON);
        long slow = watch.reading(); // a read asking the BMC while the server goes off
        read(PowerState.OFF);

        watch.read(slow, PowerState.ON); // its answer arrives last, older than the one applied

        assertEquals(List.of(PowerState.OFF), edges.seen());
    }

    @Test
    void aChangeTheDriverConfirmedIsNotToldAgainByTheNextRead() {
        read(PowerState.OFF);
        watch.observed(PowerState.OFF, PowerState.ON);
        read(PowerState.ON);

        assertEquals(List.of(PowerState.ON), edges.seen());
    }
}
