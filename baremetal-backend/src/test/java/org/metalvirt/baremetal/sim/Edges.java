package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/** A listener keeping the PWR_OK edges it is told of, for tests to wait on one by one. */
final class Edges implements PowerListener {

    /** Generous: an edge comes after tens of milliseconds; this only stops a broken test hanging. */
    private static final long BOUND_SECONDS = 10;

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
    PowerState next() throws InterruptedException {
        PowerState edge = untaken.poll(BOUND_SECONDS, TimeUnit.SECONDS);
        assertNotNull(edge, "no power edge within " + BOUND_SECONDS + " s");
        return edge;
    }

    /** Every edge told so far, in order. */
    List<PowerState> seen() {
        return List.copyOf(seen);
    }

    /** The names of the threads each edge was told on. */
    List<String> threads() {
        return List.copyOf(threads);
    }
}
