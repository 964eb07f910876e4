package org.metalvirt.shim.dispatch;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls in flight over all connections, as libvirtd bounds them with its workers' queue. A
 * connection whose call takes the budget past its bound stops being read until calls complete,
 * so many clients each within their own bound cannot queue without end; the call itself still
 * runs, so a paused connection always has one in flight that will wake it.
 */
final class CallBudget {

    static final CallBudget UNBOUNDED = new CallBudget(Integer.MAX_VALUE);

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    CallBudget(int max) {
        this.max = max;
    }

    /** Counts a call; false when the budget is spent and the caller must wait for {@code resume}. */
    boolean take(Runnable resume) {
        if (inFlight.incrementAndGet() <= max) {
            return true;
        }
        waiting.add(resume);
        return false;
    }

    /** A call completed: once under the bound, every waiting connection is read again. */
    void give() {
        if (inFlight.decrementAndGet() < max) {
            Runnable resume;
            while ((resume = waiting.poll()) != null) {
                resume.run();
            }
        }
    }

    int inFlight() {
        return inFlight.get();
    }
}
