package org.metalvirt.baremetal.common;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Power changes of a server whose controller cannot push them (a BMC): the state is polled at an
 * interval once someone watches, and changes the driver confirms itself are reported at once.
 * Listeners are told on this watch's own thread, each change once, in order.
 */
public final class PowerWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PowerWatch.class);

    private final String node;
    private final Supplier<PowerState> reader;
    private final Duration interval;
    private final List<PowerListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private PowerState last = PowerState.UNKNOWN; // only touched on the watch thread
    private boolean polling;

    public PowerWatch(String node, Supplier<PowerState> reader, Duration interval) {
        this.node = Objects.requireNonNull(node, "node");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "power-watch-" + node);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling on the first listener. */
    public synchronized void add(PowerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        if (!polling) {
            polling = true;
            thread.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A change the driver has just confirmed, from the state it read before asking; told to
     * listeners. {@code before} stands for the baseline when no poll has read one yet (the first
     * read failed, or has not run), so a change made here is never taken for the baseline.
     */
    public void observed(PowerState before, PowerState state) {
        thread.execute(() -> {
            if (last == PowerState.UNKNOWN) {
                last = before;
            }
            changeTo(state);
        });
    }

    private void poll() {
        try {
            changeTo(reader.get());
        } catch (RuntimeException e) {
            LOG.debug("{}: polling the power state failed: {}", node, e.getMessage());
        }
    }

    private void changeTo(PowerState state) {
        if (state == PowerState.UNKNOWN || state == last) {
            return; // an unreadable state is not a change: the next good read decides
        }
        boolean first = last == PowerState.UNKNOWN;
        last = state;
        if (first) {
            return; // the state found at start is the baseline, not an event
        }
        for (PowerListener listener : listeners) {
            try {
                listener.powerChanged(state);
            } catch (RuntimeException e) {
                LOG.warn("{}: power listener failed on {}", node, state, e);
            }
        }
    }

    /** Stops polling and waits for a read in flight, so nothing runs against the BMC once closed. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("{}: a power read did not end within 30 s of closing", node);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
