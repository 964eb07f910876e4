package org.metalvirt.baremetal.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;

/**
 * The power of a {@link SimulatedServer}, driven through its front panel as the GPIO backend
 * drives a real board: the button, the reset and NMI lines, and PWR_OK read back as the confirmation.
 * Waiting is on the server's edges, never on a poll.
 */
public final class SimPowerControl implements PowerControl {

    /** How much longer than the server's own delay a confirmation may take before it is a timeout. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final SimulatedServer server;
    private final Duration confirmTimeout;

    /** Confirmations bounded by the server's slowest power delay plus 10 s. */
    public SimPowerControl(SimulatedServer server) {
        this(server, defaultConfirmTimeout(server.timings()));
    }

    public SimPowerControl(SimulatedServer server, Duration confirmTimeout) {
        this.server = Objects.requireNonNull(server, "server");
        this.confirmTimeout = Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new IllegalArgumentException("confirmTimeout must be positive, got " + confirmTimeout);
        }
    }

    static Duration defaultConfirmTimeout(SimTimings timings) {
        Duration slowest = timings.powerOn().compareTo(timings.hardOff()) >= 0 ? timings.powerOn() : timings.hardOff();
        return slowest.plus(MARGIN);
    }

    /** The server behind this control, for pressing its buttons out of band. */
    public SimulatedServer server() {
        return server;
    }

    public Duration confirmTimeout() {
        return confirmTimeout;
    }

    @Override
    public PowerState state() {
        if (!server.readable()) {
            return PowerState.UNKNOWN;
        }
        return server.powerGood() ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public void powerOn() {
        requireReadable();
        if (server.powerGood()) {
            return;
        }
        await(server.switchOn(), "report power good");
    }

    @Override
    public void requestShutdown() {
        requireReadable();
        server.acpiShutdown();
    }

    /** The simulated board checks PWR_OK and presses in one step: a request never turns it on. */
    @Override
    public boolean shutdownRequestRepeatable() {
        return true;
    }

    /** Also cancels a power-on under way: PWR_OK is not up yet, but the board is not off either. */
    @Override
    public void powerOff() {
        requireReadable();
        await(server.switchOff(), "power off");
    }

    @Override
    public void reset() {
        requireReadable();
        requirePowered(server.resetIfPowered(), "reset");
    }

    @Override
    public void injectNmi() {
        requireReadable();
        requirePowered(server.nmiIfPowered(), "send an NMI to");
    }

    /** What needs PWR_OK high was {@code done} only if the server was on. */
    private void requirePowered(boolean done, String verb) {
        if (!done) {
            throw new VirtException(
                    ErrorNumber.OPERATION_INVALID,
                    ErrorDomain.NONE,
                    "cannot " + verb + " node " + server.node() + ": it is off");
        }
    }

    @Override
    public void watch(PowerListener listener) {
        server.addListener(listener);
    }

    private void requireReadable() {
        if (!server.readable()) {
            throw new VirtException(
                    ErrorNumber.OPERATION_FAILED,
                    ErrorDomain.NONE,
                    "cannot read the power state of node " + server.node());
        }
    }

    /** Waits for the server to {@code goal} ("report power good", "power off"), bounded by the confirmation timeout. */
    private void await(CompletableFuture<Void> confirmed, String goal) {
        String waiting = "waiting for node " + server.node() + " to " + goal;
        if (server.onClockThread()) {
            // Called from a listener: the answer needs the very thread this call would block.
            confirmed.cancel(false);
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR,
                    ErrorDomain.NONE,
                    "deadlock avoided: " + waiting + " on its own listener thread");
        }
        try {
            confirmed.get(TimeUnit.NANOSECONDS.convert(confirmTimeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            confirmed.cancel(false);
            throw new VirtException(
                    ErrorNumber.OPERATION_TIMEOUT,
                    ErrorDomain.NONE,
                    "timed out after " + confirmTimeout.toMillis() + " ms " + waiting);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VirtException cause) {
                throw new VirtException(cause.number(), cause.domain(), cause.getMessage(), cause);
            }
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR, ErrorDomain.NONE, waiting + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            confirmed.cancel(false);
            throw new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.NONE, "interrupted " + waiting, e);
        }
    }
}
