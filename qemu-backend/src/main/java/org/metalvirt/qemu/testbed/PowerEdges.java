package org.metalvirt.qemu.testbed;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/** Power edges a node reported, awaited in order with a bound. */
public final class PowerEdges implements PowerListener {

    private final BlockingQueue<PowerState> edges = new LinkedBlockingQueue<>();

    @Override
    public void powerChanged(PowerState state) {
        edges.add(state);
    }

    /** The next edge, which must be {@code expected}. */
    public void awaitNext(PowerState expected, Duration timeout) throws InterruptedException {
        PowerState next = edges.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next != expected) {
            throw new AssertionError("expected a " + expected + " edge within " + timeout.toSeconds() + " s, got " + next);
        }
    }

    /** Drops edges seen so far. */
    public void clear() {
        edges.clear();
    }
}
