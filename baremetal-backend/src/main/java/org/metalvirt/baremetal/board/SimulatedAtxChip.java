package org.metalvirt.baremetal.board;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalvirt.baremetal.gpio.GpioChip;
import org.metalvirt.baremetal.gpio.GpioLine;
import org.metalvirt.baremetal.gpio.LineEvent;
import org.metalvirt.baremetal.gpio.LineRequest;
import org.metalvirt.baremetal.sim.SimulatedServer;
import org.metalvirt.error.Failures;
import org.metalvirt.node.PowerState;

/**
 * A GPIO chip wired to a {@link SimulatedServer}'s front panel, so the real GPIO driver runs over
 * a simulated board. Lines carry logical values (the polarity a request asks for is the kernel's
 * business). The power button acts as a board's does: released within {@code overrideAfter} it is
 * a press; held that long it forces power off. The reset button resets on its press, and so does
 * the NMI button (on a board built with one) send its NMI; PWR_OK reads the board's power good and
 * reports its edges as events.
 */
public final class SimulatedAtxChip implements GpioChip {

    private final SimulatedServer server;
    private final int powerButton;
    private final int resetButton;
    private final OptionalInt nmiButton;
    private final int powerOk;
    private final Duration overrideAfter;
    private final HoldTimer clock;

    /** A board timing its button on the wall clock. */
    public SimulatedAtxChip(
            SimulatedServer server, int powerButton, int resetButton, int powerOk, Duration overrideAfter) {
        this(server, powerButton, resetButton, powerOk, overrideAfter, HoldTimer.wallClock());
    }

    /** A board without an NMI button. */
    public SimulatedAtxChip(
            SimulatedServer server,
            int powerButton,
            int resetButton,
            int powerOk,
            Duration overrideAfter,
            HoldTimer clock) {
        this(server, powerButton, resetButton, OptionalInt.empty(), powerOk, overrideAfter, clock);
    }

    public SimulatedAtxChip(
            SimulatedServer server,
            int powerButton,
            int resetButton,
            OptionalInt nmiButton,
            int powerOk,
            Duration overrideAfter,
            HoldTimer clock) {
        this.server = Objects.requireNonNull(server, "server");
        this.powerButton = powerButton;
        this.resetButton = resetButton;
        this.nmiButton = Objects.requireNonNull(nmiButton, "nmiButton");
        this.powerOk = powerOk;
        this.overrideAfter = Objects.requireNonNull(overrideAfter, "overrideAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public GpioLine request(LineRequest request) {
        int offset = request.offset();
        if (offset == powerButton && request.output()) {
            return new PowerButton();
        }
        if (offset == resetButton && request.output()) {
            return new EdgeButton(server::pressReset);
        }
        if (nmiButton.isPresent() && offset == nmiButton.getAsInt() && request.output()) {
            return new EdgeButton(server::pressNmi);
        }
        if (offset == powerOk && !request.output()) {
            return new PowerOk();
        }
        throw Failures.failed("line " + offset + " of the simulated board of " + server.node() + " is not wired as "
                + (request.output() ? "an output" : "an input"));
    }

    @Override
    public String name() {
        return "simulated ATX board of " + server.node();
    }

    @Override
    public void close() {
        clock.close();
    }

    private abstract static class Output implements GpioLine {
        @Override
        public boolean get() {
            throw new UnsupportedOperationException("the driver never reads back a button");
        }

        @Override
        public Optional<LineEvent> awaitEvent(Duration timeout) {
            throw new UnsupportedOperationException("buttons have no edge detection");
        }

        @Override
        public void close() {}
    }

    /**
     * Short press or long hold, told apart by how long the line stays active. Whichever comes
     * first under the lock decides: the release (a press) or the override (a hold, after which
     * the release does nothing). A future's cancel() cannot decide it: it still succeeds while the
     * override runs, and the driver releases the button from inside it, as soon as PWR_OK falls.
     */
    private final class PowerButton extends Output {
        private Object press; // the press in progress, guarded by this
        private boolean held; // whether the override fired during it, guarded by this
        private Future<?> override; // guarded by this

        @Override
        public synchronized void set(boolean active) {
            if (active && press == null) {
                Object token = new Object();
                press = token;
                held = false;
                override = clock.schedule(() -> override(token), overrideAfter);
            } else if (!active && press != null) {
                override.cancel(false);
                if (!held) {
                    server.pressPowerButton();
                }
                press = null;
                override = null;
            }
        }

        private void override(Object token) {
            synchronized (this) {
                if (press != token) {
                    return; // released first: it was a press
                }
                held = true;
            }
            server.holdPowerButton();
        }
    }

    /** A button that acts once on its press: reset, NMI. */
    private static final class EdgeButton extends Output {
        private final Runnable onPress;
        private boolean pressed;

        EdgeButton(Runnable onPress) {
            this.onPress = onPress;
        }

        @Override
        public synchronized void set(boolean active) {
            if (active && !pressed) {
                onPress.run();
            }
            pressed = active;
        }
    }

    private final class PowerOk implements GpioLine {
        private final BlockingQueue<LineEvent> edges = new LinkedBlockingQueue<>();
        private final AtomicInteger seqno = new AtomicInteger();

        PowerOk() {
            server.addListener(state ->
                    edges.add(new LineEvent(state == PowerState.ON, System.nanoTime(), seqno.incrementAndGet())));
        }

        @Override
        public void set(boolean active) {
            throw new UnsupportedOperationException("PWR_OK is an input");
        }

        @Override
        public boolean get() {
            if (!server.readable()) {
                throw Failures.failed("cannot read PWR_OK of the simulated board of " + server.node());
            }
            return server.powerGood();
        }

        @Override
        public Optional<LineEvent> awaitEvent(Duration timeout) {
            try {
                return Optional.ofNullable(edges.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        @Override
        public void close() {}
    }
}
