package org.metalvirt.shim.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.metalvirt.node.PowerState;

/**
 * Waits for nodes to reach a power state, woken by the nodes' own change reports (the service
 * forwards each report here). A wait is armed before the action that causes the change, so a
 * fast change cannot be missed. Also tells a report of an edge a state change here caused from
 * one that needs reconciling.
 */
final class PowerWaits {

    /** One armed wait. */
    final class Wait {
        private final String node;
        private final PowerState wanted;
        private final CountDownLatch reached = new CountDownLatch(1);

        private Wait(String node, PowerState wanted) {
            this.node = node;
            this.wanted = wanted;
        }

        /** True once the node reports the state (or reads as in it), false if time runs out first. */
        boolean await(Duration timeout, Supplier<PowerState> current) {
            try {
                return current.get() == wanted || reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                waits.remove(this);
            }
        }
    }

    private final Set<Wait> waits = ConcurrentHashMap.newKeySet();
    /** Per node, the edge a state change here is causing now (a start's ON, a destroy's OFF). */
    private final Map<String, PowerState> causing = new ConcurrentHashMap<>();

    /**
     * Runs {@code action}, which drives {@code node} to {@code edge} under its domain's state lock:
     * meanwhile that edge, reported, is known to be this change's own, which settles the domain's
     * state itself, so nothing needs reconciling after it. Reported after the action returned, it is
     * reconciled as any other.
     */
    void causing(String node, PowerState edge, Runnable action) {
        causing.put(node, edge);
        try {
            action.run();
        } finally {
            causing.remove(node, edge);
        }
    }

    Wait arm(String node, PowerState wanted) {
        Wait wait = new Wait(node, wanted);
        waits.add(wait);
        return wait;
    }

    /** Wakes the waits for this state; true if it is the edge a state change here is causing. */
    boolean reported(String node, PowerState state) {
        for (Wait wait : waits) {
            if (wait.node.equals(node) && wait.wanted == state) {
                wait.reached.countDown();
            }
        }
        return causing.remove(node, state);
    }
}
