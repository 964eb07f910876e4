package org.metalvirt.baremetal.gpio;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's power through its front-panel header, as an ATX board expects it: a short press of
 * the power button turns an off board on or asks a running OS to shut down (ACPI); holding it
 * forces power off; the reset button restarts without cutting power; the NMI button, on boards
 * that have one, interrupts the running OS. PWR_OK is the only truth:
 * its edges, read on this control's own thread {@code gpio-<node>}, are told to listeners as they
 * happen and are what every operation waits for. The line requests are held until {@link #close()}.
 */
public final class GpioPowerControl implements PowerControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GpioPowerControl.class);
    /** How often the event thread looks up from waiting to see whether it was closed. */
    private static final Duration EVENT_WAIT = Duration.ofMillis(200);

    private final String node;
    private final GpioLine button;
    private final Optional<GpioLine> resetButton;
    private final Optional<GpioLine> nmiButton;
    private final GpioLine powerOk;
    private final AtxTimings timings;
    private final PowerOkLevel level;
    private final List<PowerListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread events;
    private final Object operation = new Object();
    private volatile boolean closed;
    private volatile boolean sensing = true;
    private long lastRelease; // System.nanoTime() of the last button release, guarded by operation

    GpioPowerControl(
            String node,
            GpioLine button,
            Optional<GpioLine> resetButton,
            Optional<GpioLine> nmiButton,
            GpioLine powerOk,
            AtxTimings timings) {
        this.node = Objects.requireNonNull(node, "node");
        this.button = Objects.requireNonNull(button, "button");
        this.resetButton = Objects.requireNonNull(resetButton, "resetButton");
        this.nmiButton = Objects.requireNonNull(nmiButton, "nmiButton");
        this.powerOk = Objects.requireNonNull(powerOk, "powerOk");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.lastRelease = System.nanoTime() - timings.pressGuard().toNanos();
        // Edges after the request are queued by the kernel, so reading the level first loses none.
        this.level = new PowerOkLevel(powerOk.get());
        this.events = new Thread(this::readEdges, "gpio-" + node);
        events.setDaemon(true);
        events.start();
    }

    /** Requests the wired lines of {@code chip} and starts following PWR_OK. */
    public static GpioPowerControl open(String node, GpioChip chip, GpioWiring wiring, AtxTimings timings) {
        String consumer = "metalvirt-" + node;
        GpioLine button = chip.request(
                LineRequest.button(wiring.power(), wiring.buttonsActiveLow(), wiring.openDrain(), consumer));
        Optional<GpioLine> reset = Optional.empty();
        Optional<GpioLine> nmi = Optional.empty();
        try {
            reset = optionalButton(chip, wiring.reset(), wiring, consumer);
            nmi = optionalButton(chip, wiring.nmi(), wiring, consumer);
            GpioLine powerOk = chip.request(LineRequest.sense(wiring.powerOk(), wiring.powerOkActiveLow(), consumer));
            return new GpioPowerControl(node, button, reset, nmi, powerOk, timings);
        } catch (RuntimeException e) {
            button.close();
            reset.ifPresent(GpioLine::close);
            nmi.ifPresent(GpioLine::close);
            throw e;
        }
    }

    private static Optional<GpioLine> optionalButton(
            GpioChip chip, OptionalInt offset, GpioWiring wiring, String consumer) {
        if (offset.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(chip.request(
                LineRequest.button(offset.getAsInt(), wiring.buttonsActiveLow(), wiring.openDrain(), consumer)));
    }

    @Override
    public PowerState state() {
        try {
            return checkedState();
        } catch (VirtException e) {
            LOG.warn("{}: cannot read PWR_OK: {}", node, e.getMessage());
            return PowerState.UNKNOWN;
        }
    }

    /** PWR_OK read now; a line that cannot be read throws the GPIO error. Without the line: unknown. */
    @Override
    public PowerState checkedState() {
        if (!sensing) {
            return PowerState.UNKNOWN;
        }
        return powerOk.get() ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public void powerOn() {
        synchronized (operation) {
            if (powered()) {
                return;
            }
            press(button, timings.powerPulse(), "power button");
            confirm(true, timings.powerOkTimeout(), "report power good after the power button was pressed");
        }
    }

    /**
     * A press while on only; a press on an off board would turn it on. Not repeatable (the
     * default): a second press landing just as the OS powers off would power the board back on.
     */
    @Override
    public void requestShutdown() {
        synchronized (operation) {
            if (powered()) {
                press(button, timings.powerPulse(), "power button");
            }
        }
    }

    @Override
    public void powerOff() {
        synchronized (operation) {
            if (!powered()) {
                return;
            }
            guard();
            LOG.debug("{}: holding the power button", node);
            button.set(true);
            boolean off;
            try {
                off = reach(false, timings.hardOffHold());
            } catch (InterruptedException e) {
                throw Failures.interrupted("holding the power button of node " + node, e);
            } finally {
                release(button);
            }
            if (!off) {
                throw Failures.timeout("node " + node + " is still on after the power button was held for "
                        + timings.hardOffHold().toMillis() + " ms");
            }
        }
    }

    @Override
    public void reset() {
        pressWhileOn(resetButton, "reset", "reset", "gpio.reset");
    }

    /** A press of the NMI button, as wide as a reset press; boards latch the NMI on its edge. */
    @Override
    public void injectNmi() {
        pressWhileOn(nmiButton, "NMI", "send an NMI to", "gpio.nmi");
    }

    /** Presses a button that only a running board heeds, where the card's line to it is wired. */
    private void pressWhileOn(Optional<GpioLine> wired, String button, String verb, String option) {
        GpioLine line = wired.orElseThrow(() -> VirtException.noSupport(
                button + " on node " + node + ": no " + button + " line is wired (" + option + ")"));
        synchronized (operation) {
            if (!powered()) {
                throw Failures.invalid("cannot " + verb + " node " + node + ": it is off");
            }
            press(line, timings.resetPulse(), button + " button");
        }
    }

    @Override
    public void watch(PowerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        closed = true;
        events.interrupt();
        try {
            events.join(EVENT_WAIT.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        button.close();
        resetButton.ifPresent(GpioLine::close);
        nmiButton.ifPresent(GpioLine::close);
        powerOk.close();
    }

    /** PWR_OK read from the line now; an unreadable line fails the operation rather than guessing. */
    private boolean powered() {
        if (!sensing) {
            throw Failures.failed("cannot read the power state of node " + node + ": PWR_OK events stopped");
        }
        return powerOk.get();
    }

    private void press(GpioLine line, Duration pulse, String what) {
        guard();
        LOG.debug("{}: pressing the {} for {} ms", node, what, pulse.toMillis());
        line.set(true);
        try {
            Thread.sleep(pulse.toMillis()); // the pulse width is the signal itself
        } catch (InterruptedException e) {
            throw Failures.interrupted("pressing the " + what + " of node " + node, e);
        } finally {
            release(line);
        }
    }

    private void release(GpioLine line) {
        line.set(false);
        if (line == button) {
            lastRelease = System.nanoTime();
        }
    }

    /** Boards ignore the button for a while after a press: a press in that window would be lost. */
    private void guard() {
        long wait = lastRelease + timings.pressGuard().toNanos() - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                throw Failures.interrupted("waiting for the board to accept the button again", e);
            }
        }
    }

    private void confirm(boolean high, Duration bound, String goal) {
        boolean reached;
        try {
            reached = reach(high, bound);
        } catch (InterruptedException e) {
            throw Failures.interrupted("waiting for node " + node + " to " + goal, e);
        }
        if (!reached) {
            throw Failures.timeout("node " + node + " did not " + goal + " within " + bound.toMillis() + " ms");
        }
    }

    /**
     * Waits, at most {@code bound}, until PWR_OK is at {@code high} both as its edges told and as
     * the line reads now; the two differ only while an edge is still on its way to the event thread.
     */
    private boolean reach(boolean high, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || !level.await(high, left)) {
                return powerOk.get() == high && level.get() == high;
            }
            if (powerOk.get() == high) {
                return true;
            }
            // The line moved on: wait for its edge before looking again.
            left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || !level.await(!high, left)) {
                return false;
            }
        }
    }

    private void readEdges() {
        while (!closed) {
            Optional<LineEvent> edge;
            try {
                edge = powerOk.awaitEvent(EVENT_WAIT);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.error("{}: reading PWR_OK events failed; the power state is unknown from now on", node, e);
                    sensing = false;
                }
                return;
            }
            edge.ifPresent(this::edge);
        }
    }

    private void edge(LineEvent event) {
        boolean high = event.rising();
        if (level.get() == high) {
            return; // a bounce, or the edge already seen when the level was first read
        }
        PowerState state = high ? PowerState.ON : PowerState.OFF;
        LOG.debug("{}: PWR_OK {}", node, high ? "rose" : "fell");
        // Listeners first, then waiters: a caller returns only once listeners know.
        for (PowerListener listener : listeners) {
            try {
                listener.powerChanged(state);
            } catch (RuntimeException e) {
                LOG.warn("{}: power listener failed on {}", node, state, e);
            }
        }
        level.set(high);
    }
}
