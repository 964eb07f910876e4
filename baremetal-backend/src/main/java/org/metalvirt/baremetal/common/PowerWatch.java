package org.metalvirt.baremetal.common;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Power changes of a server whose controller cannot push them (a BMC), found in the driver's
 * own reads: every read is compared with the last, and a change is told to the listeners, each
 * once, in order, on the reading thread. It runs no thread of its own: the daemon reads every
 * node once per poll interval (one schedule for all nodes, {@code domains.pollIntervalMillis}),
 * so a rack of BMCs costs one read per node per interval and no thread per node.
 *
 * <p>Reads may overlap (the daemon's poll and a state change's confirmation): each takes a ticket
 * before it asks the BMC, and one that began before a read already applied is dropped, so a stale
 * answer never undoes a newer one.
 */
public final class PowerWatch {

    private static final Logger LOG = LoggerFactory.getLogger(PowerWatch.class);

    private final String node;
    private final List<PowerListener> listeners = new CopyOnWriteArrayList<>();
    // Guarded by this.
    private long tickets;
    private long applied;
    private PowerState last = PowerState.UNKNOWN;

    public PowerWatch(String node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    public void add(PowerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Taken before a read asks the hardware; handed back with its answer to {@link #read}. */
    public synchronized long reading() {
        return ++tickets;
    }

    /** What the read of {@code ticket} found; an unreadable state is not a change, the next good read decides. */
    public synchronized void read(long ticket, PowerState state) {
        if (ticket < applied || state == PowerState.UNKNOWN) {
            return;
        }
        applied = ticket;
        changeTo(state);
    }

    /**
     * A change the driver has just confirmed, from the state it read before asking; told to
     * listeners. {@code before} stands for the baseline when no read has given one yet (the first
     * read failed, or none ran), so a change made here is never taken for the baseline.
     */
    public synchronized void observed(PowerState before, PowerState state) {
        applied = ++tickets;
        if (last == PowerState.UNKNOWN) {
            last = before;
        }
        changeTo(state);
    }

    private void changeTo(PowerState state) {
        if (state == PowerState.UNKNOWN || state == last) {
            return;
        }
        boolean first = last == PowerState.UNKNOWN;
        last = state;
        if (first) {
            return; // the state found by the first read is the baseline, not an event
        }
        // Told under the lock, so two readers never tell their changes out of order; listeners are quick.
        for (PowerListener listener : listeners) {
            try {
                listener.powerChanged(state);
            } catch (RuntimeException e) {
                LOG.warn("{}: power listener failed on {}", node, state, e);
            }
        }
    }
}
