package org.metalvirt.baremetal.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated bare-metal server: an ATX board with its front-panel header (power button, reset
 * button, PWR_OK) and the OS that runs on it, taking the time its {@link SimTimings} say.
 *
 * <p>It behaves as real hardware does. The power button turns an off board on, and asks a
 * running OS to shut down (ACPI); a press while the board is powering on, the OS is shutting
 * down or restarting, or the button is held, is ignored. Holding the button forces power off.
 * The reset button restarts the OS without dropping PWR_OK and does nothing to an off board.
 * An NMI (the front panel's NMI button, a BMC's diagnostic interrupt) reaches a powered board's
 * CPUs only; its OS, as Linux does by default, logs it and runs on. Each one is counted.
 *
 * <p>Thread-safe: every change happens under one lock — at once when its delay is zero, else on
 * the simulated servers' clock thread {@code sim-clock}, one for all of them (a rack of a
 * thousand costs one thread, not one each). Listeners are told of each PWR_OK edge, in the order
 * the edges happened, by the thread that made the change once it leaves the lock: the clock thread
 * after a delay (they must be quick, as every server's edges wait), the caller's when there was
 * none (as a hardware edge at zero delay is there at once, with no thread between).
 */
public final class SimulatedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedServer.class);

    /** An idle clock gives its thread back; the next delay starts a new one. */
    private static final long IDLE_SECONDS = 5;

    /** Every simulated server's delays and edges, in the order they fall due. */
    private static final ScheduledThreadPoolExecutor CLOCK = clock();

    /** What the board and its OS are doing. */
    enum Phase {
        OFF(false),
        POWERING_ON(false),
        ON(true),
        SHUTTING_DOWN(true),
        RESETTING(true);

        final boolean powerGood;

        Phase(boolean powerGood) {
            this.powerGood = powerGood;
        }
    }

    /** Someone waiting for PWR_OK to reach a level. */
    private record Waiter(boolean powerGood, CompletableFuture<Void> done) {}

    /** The clock thread, marked so that a caller can tell it is on it. */
    private static final class ClockThread extends Thread {
        ClockThread(Runnable task) {
            super(task, "sim-clock");
            setDaemon(true);
        }
    }

    private static ScheduledThreadPoolExecutor clock() {
        ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1, ClockThread::new);
        clock.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        clock.allowCoreThreadTimeOut(true);
        clock.setRemoveOnCancelPolicy(true);
        return clock;
    }

    private final String node;
    private final SimTimings timings;
    private final ScheduledThreadPoolExecutor clock = CLOCK;
    private volatile boolean readable = true;

    private final Object lock = new Object();
    // Guarded by lock.
    private Phase phase;
    private boolean osHangs;
    private Object phaseEnd; // token of the scheduled end of the current phase, if any
    private Object forcedOff; // token of the scheduled forced off while the button is held, if any
    private int nmis;
    private boolean closed;
    private final List<PowerListener> listeners = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    /** Edges and answers not yet told, in order; told by one thread at a time, {@link #teller}. */
    private final ArrayDeque<Runnable> untold = new ArrayDeque<>();

    private volatile Thread teller;

    /** A server that is off. */
    public SimulatedServer(String node, SimTimings timings) {
        this(node, timings, false);
    }

    /** A server that is off, or already running when {@code startOn} (powered on before we came). */
    public SimulatedServer(String node, SimTimings timings, boolean startOn) {
        this.node = Objects.requireNonNull(node, "node");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.osHangs = timings.osHangs();
        this.phase = startOn ? Phase.ON : Phase.OFF;
    }

    public String node() {
        return node;
    }

    public SimTimings timings() {
        return timings;
    }

    /** PWR_OK now: high from the end of power-on until power is cut. */
    public boolean powerGood() {
        synchronized (lock) {
            return phase.powerGood;
        }
    }

    /** Presses the power button briefly. */
    public void pressPowerButton() {
        synchronized (lock) {
            requireOpen();
            press();
        }
        tellUntold();
    }

    /** Holds the power button until the board forces power off ({@link SimTimings#hardOff()}). */
    public void holdPowerButton() {
        synchronized (lock) {
            requireOpen();
            hold();
        }
        tellUntold();
    }

    /** Pulses the reset line. */
    public void pressReset() {
        synchronized (lock) {
            requireOpen();
            reset();
        }
        tellUntold();
    }

    /** Pulses the NMI line: a powered board's OS receives it; an off one has no CPU running to take it. */
    public void pressNmi() {
        synchronized (lock) {
            requireOpen();
            nmi();
        }
    }

    /** How many NMIs the server's OS has received. */
    public int nmis() {
        synchronized (lock) {
            return nmis;
        }
    }

    /** The OS powers the server off by itself ({@code poweroff} in the guest): PWR_OK falls now. */
    public void osPowersOff() {
        synchronized (lock) {
            requireOpen();
            if (phase == Phase.ON || phase == Phase.SHUTTING_DOWN) {
                enter(Phase.OFF);
            } else {
                LOG.debug("{}: no OS runs to power off while {}", node, phase);
            }
        }
        tellUntold();
    }

    /** Whether the OS ignores the next ACPI power-button events; a shutdown under way goes on. */
    public void setOsHangs(boolean hangs) {
        synchronized (lock) {
            osHangs = hangs;
        }
    }

    /**
     * Whether PWR_OK can be read, as when the GPIO line or the BMC stops answering. The board
     * runs on regardless; only what its {@link SimPowerControl} can confirm changes.
     */
    public void setReadable(boolean readable) {
        this.readable = readable;
    }

    public boolean readable() {
        return readable;
    }

    /** Tells {@code listener} of every PWR_OK edge from now on. */
    public void addListener(PowerListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            listeners.add(listener);
        }
    }

    /** Stops the clock: pending delays never end, and every later action is refused. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            VirtException gone = new VirtException(
                    ErrorNumber.OPERATION_FAILED, ErrorDomain.NONE, "simulated server " + node + " was shut down");
            waiters.forEach(waiter -> waiter.done().completeExceptionally(gone));
            waiters.clear();
        }
        // The clock is shared: pending delays of this server find it closed and do nothing;
        // edges and answers already due are still delivered.
    }

    @Override
    public String toString() {
        return "SimulatedServer[" + node + ", " + phase() + "]";
    }

    /** What the board is doing now, for tests to look at. */
    Phase phase() {
        synchronized (lock) {
            return phase;
        }
    }

    // What SimPowerControl needs: each checks and acts under the lock, so no change slips between.

    /** Presses the button if the board is off; completes once PWR_OK is high, fails if forced off first. */
    CompletableFuture<Void> switchOn() {
        CompletableFuture<Void> on;
        synchronized (lock) {
            requireOpen();
            if (phase == Phase.OFF) {
                press();
            }
            on = when(true);
        }
        tellUntold();
        return on;
    }

    /** Holds the button unless the board is off; completes once it is off. */
    CompletableFuture<Void> switchOff() {
        CompletableFuture<Void> off;
        synchronized (lock) {
            requireOpen();
            off = when(false);
            hold();
        }
        tellUntold();
        return off;
    }

    /** Presses the button only if PWR_OK is high, so the press can never turn the server on. */
    void acpiShutdown() {
        synchronized (lock) {
            requireOpen();
            if (phase.powerGood) {
                press();
            }
        }
        tellUntold();
    }

    /** Pulses reset if PWR_OK is high; false if the server is off. */
    boolean resetIfPowered() {
        synchronized (lock) {
            requireOpen();
            if (!phase.powerGood) {
                return false;
            }
            reset();
        }
        tellUntold();
        return true;
    }

    /** Sends an NMI if PWR_OK is high; false if the server is off. */
    boolean nmiIfPowered() {
        synchronized (lock) {
            requireOpen();
            return nmi();
        }
    }

    /**
     * Whether the caller runs on the clock thread, or is telling this server's listeners, where
     * waiting for a server would deadlock.
     */
    boolean onClockThread() {
        return Thread.currentThread() instanceof ClockThread || teller == Thread.currentThread();
    }

    /**
     * Tells what is untold, in order, unless another thread is at it (it tells ours too, before it
     * stops). Called after leaving the lock, so listeners may read the server.
     */
    private void tellUntold() {
        while (true) {
            Runnable next;
            synchronized (lock) {
                if (teller != null || untold.isEmpty()) {
                    return;
                }
                teller = Thread.currentThread();
                next = untold.poll();
            }
            try {
                next.run();
            } finally {
                synchronized (lock) {
                    teller = null;
                }
            }
        }
    }

    // Under the lock from here on.

    private void press() {
        if (forcedOff != null) {
            LOG.debug("{}: power button already held", node);
            return;
        }
        switch (phase) {
            case OFF -> {
                enter(Phase.POWERING_ON);
                endPhaseAfter(timings.powerOn(), Phase.ON);
            }
            case ON -> {
                if (osHangs) {
                    LOG.debug("{}: the OS ignores the ACPI power-button event", node);
                } else {
                    enter(Phase.SHUTTING_DOWN);
                    endPhaseAfter(timings.osShutdown(), Phase.OFF);
                }
            }
            case POWERING_ON, SHUTTING_DOWN, RESETTING -> LOG.debug("{}: power button ignored while {}", node, phase);
        }
    }

    private void reset() {
        if (!phase.powerGood) {
            LOG.debug("{}: reset ignored while {}", node, phase);
            return;
        }
        enter(Phase.RESETTING); // cancels an OS shutdown under way: the OS restarts instead
        endPhaseAfter(timings.reset(), Phase.ON);
    }

    private boolean nmi() {
        if (!phase.powerGood) {
            LOG.debug("{}: NMI ignored while {}", node, phase);
            return false;
        }
        nmis++;
        LOG.info("{}: the OS received an NMI ({} so far) and runs on", node, nmis);
        return true;
    }

    private void hold() {
        if (phase == Phase.OFF || forcedOff != null) {
            return;
        }
        if (timings.hardOff().isZero()) {
            enter(Phase.OFF);
            return;
        }
        Object token = new Object();
        forcedOff = token;
        later(timings.hardOff(), () -> {
            if (forcedOff == token) {
                enter(Phase.OFF);
            }
        });
    }

    private void endPhaseAfter(Duration delay, Phase next) {
        if (delay.isZero()) {
            enter(next);
            return;
        }
        Object token = new Object();
        phaseEnd = token;
        later(delay, () -> {
            if (phaseEnd == token) {
                enter(next);
            }
        });
    }

    /** Runs {@code step} under the lock after {@code delay}; a step whose token was superseded does nothing. */
    private void later(Duration delay, Runnable step) {
        clock.schedule(
                () -> {
                    synchronized (lock) {
                        if (!closed) {
                            step.run();
                        }
                    }
                    tellUntold();
                },
                TimeUnit.NANOSECONDS.convert(delay),
                TimeUnit.NANOSECONDS);
    }

    private void enter(Phase next) {
        Phase before = phase;
        phase = next;
        phaseEnd = null;
        if (next == Phase.OFF) {
            forcedOff = null; // the hold is over once the board is off
        }
        LOG.debug("{}: {} -> {}", node, before, next);

        PowerState edge = before.powerGood == next.powerGood ? null : next.powerGood ? PowerState.ON : PowerState.OFF;
        List<PowerListener> told = edge == null ? List.of() : List.copyOf(listeners);
        List<Runnable> answers = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            CompletableFuture<Void> done = waiter.done();
            if (done.isDone()) {
                it.remove(); // its caller gave up
            } else if (waiter.powerGood() ? next.powerGood : next == Phase.OFF) {
                it.remove();
                answers.add(() -> done.complete(null));
            } else if (waiter.powerGood() && next == Phase.OFF) {
                it.remove();
                VirtException cut = new VirtException(
                        ErrorNumber.OPERATION_FAILED,
                        ErrorDomain.NONE,
                        "node " + node + " was forced off before it reported power good");
                answers.add(() -> done.completeExceptionally(cut));
            }
        }
        if (edge != null || !answers.isEmpty()) {
            // Listeners first, then waiters: a caller returns only after listeners know.
            untold.add(() -> {
                if (edge != null) {
                    tell(told, edge);
                }
                answers.forEach(Runnable::run);
            });
        }
    }

    /** A future completed once PWR_OK is at {@code powerGood}, through the clock like every answer. */
    private CompletableFuture<Void> when(boolean powerGood) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (powerGood ? phase.powerGood : phase == Phase.OFF) {
            // Queued behind any edge not yet told, so the caller never overtakes the listeners.
            untold.add(() -> done.complete(null));
        } else {
            waiters.add(new Waiter(powerGood, done));
        }
        return done;
    }

    private void tell(List<PowerListener> told, PowerState edge) {
        for (PowerListener listener : told) {
            try {
                listener.powerChanged(edge);
            } catch (RuntimeException e) {
                LOG.warn("{}: power listener {} failed on {}", node, listener, edge, e);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("simulated server " + node + " is closed");
        }
    }
}
