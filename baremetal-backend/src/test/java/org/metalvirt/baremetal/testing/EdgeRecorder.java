package org.metalvirt.baremetal.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/** A power listener keeping what it is told, for tests to wait on change by change. */
public final class EdgeRecorder implements PowerListener {

    /** Only stops a broken test hanging; changes come within milliseconds. */
    private static final long BOUND_SECONDS = 20;

    private final BlockingQueue<PowerState> untaken = new LinkedBlockingQueue<>();
    private final List<PowerState> seen = new CopyOnWriteArrayList<>();

    @Override
    public void powerChanged(PowerState state) {
        seen.add(state);
        untaken.add(state);
    }

    /** The next change not yet taken, waited for. */
    public PowerState next() throws InterruptedException {
        PowerState state = untaken.poll(BOUND_SECONDS, TimeUnit.SECONDS);
        assertNotNull(state, "no power change within " + BOUND_SECONDS + " s");
        return state;
    }

    public List<PowerState> seen() {
        return List.copyOf(seen);
    }
}
