package org.metalvirt.baremetal.gpio;

import java.time.Duration;

/** PWR_OK as last reported by its edges: what callers wait on, so no one polls the line. */
final class PowerOkLevel {

    private boolean level;

    PowerOkLevel(boolean initial) {
        this.level = initial;
    }

    synchronized boolean get() {
        return level;
    }

    /** Records the level; true when it changed. */
    synchronized boolean set(boolean high) {
        boolean changed = level != high;
        level = high;
        notifyAll();
        return changed;
    }

    /** Waits until the level is {@code high}, at most {@code bound}; whether it got there. */
    synchronized boolean await(boolean high, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (level != high) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
