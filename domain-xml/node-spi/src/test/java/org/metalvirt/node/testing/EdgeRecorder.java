package org.metalvirt.node.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/** A power listener keeping the edges it is told, for tests to wait on edge by edge. */
public final class EdgeRecorder implements PowerListener {

    /** Only stops a broken test hanging: simulated hardware changes within milliseconds. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final BlockingQueue<PowerState> untaken = new LinkedBlockingQueue<>();
    private final List<PowerState> seen = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void powerChanged(PowerState state) {
        threads.add(Thread.currentThread().getName());
        seen.add(state);
        untaken.add(state);
    }

    /** The next edge not yet taken, waited for. */
    public PowerState next() throws InterruptedException {
        return next(BOUND);
    }

    /** The next edge not yet taken, waited for as long as {@code bound} (a QEMU boots slower). */
    public PowerState next(Duration bound) throws InterruptedException {
        PowerState state = untaken.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(state, "no power change within " + bound.toSeconds() + " s");
        return state;
    }

    /**
     * The next edge not yet taken, reading the power every 20 ms meanwhile as the daemon's poll
     * does: a driver whose hardware cannot push changes (a BMC) finds them in its reads.
     */
    public PowerState next(Duration bound, Supplier<PowerState> reading) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() - deadline < 0) {
            PowerState state = untaken.poll(20, TimeUnit.MILLISECONDS);
            if (state != null) {
                return state;
            }
            reading.get();
        }
        return next(Duration.ZERO);
    }

    /** Every edge so far, taken or not. */
    public List<PowerState> seen() {
        return List.copyOf(seen);
    }

    /** The names of the threads each edge was told on. */
    public List<String> threads() {
        return List.copyOf(threads);
    }
}
