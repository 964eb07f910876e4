package org.metalvirt.shim.testing;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/** Waiting for a condition in a test, never for a time: fails, naming it, if it is not met in 30 s. */
public final class Await {

    private Await() {}

    public static void until(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never reached: " + what);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Blocks until {@code latch} is released, as work that stands for a slow or hung peer does in a
     * test; an interrupt (a pool shut down) ends it early, the thread's interrupt kept.
     */
    public static void released(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
