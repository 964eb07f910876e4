package org.metalvirt.baremetal.common;

import java.time.Duration;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's power through a BMC, whatever the protocol: the same semantics for IPMI and Redfish.
 * Asking for the state the server is in succeeds at once; a change is confirmed by reading the
 * BMC until it shows; a state the BMC will not tell is reported as unknown, never guessed; changes
 * made elsewhere are found in the reads ({@link PowerWatch}): the daemon reads every node once per
 * poll interval, on its one schedule, and the driver runs no thread of its own. A protocol says
 * only how to read and how to ask.
 */
public abstract class BmcPowerControl implements PowerControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BmcPowerControl.class);

    /** What a BMC can be asked to do to the server's power. */
    protected enum Action {
        ON,
        SOFT_OFF,
        OFF,
        RESET,
        /** A diagnostic interrupt: an NMI to the server's CPUs. Optional in IPMI and Redfish alike. */
        NMI
    }

    protected final String node;
    private final String bmc;
    private final Duration confirmTimeout;
    private final Duration confirmPoll;
    private final PowerWatch watch;

    /** @param bmc who answers, for messages: "BMC 10.0.0.5", "Redfish https://…" */
    protected BmcPowerControl(String node, String bmc, Duration confirmTimeout, Duration confirmPoll) {
        this.node = node;
        this.bmc = bmc;
        this.confirmTimeout = confirmTimeout;
        this.confirmPoll = confirmPoll;
        this.watch = new PowerWatch(node);
    }

    /** The power as the BMC reports it now; throws rather than guess. */
    protected abstract PowerState read();

    /** Sends the request; returns once the BMC accepted it. */
    protected abstract void request(Action action);

    @Override
    public final PowerState state() {
        try {
            return watched();
        } catch (VirtException e) {
            if (Thread.currentThread().isInterrupted()) {
                LOG.debug("{}: power read from {} stopped, the daemon is closing", node, bmc);
            } else {
                LOG.warn("{}: cannot read the power from {}: {}", node, bmc, e.getMessage());
            }
            return PowerState.UNKNOWN;
        }
    }

    /** The same read, its failure given to the caller (an operator's check) rather than logged. */
    @Override
    public final PowerState checkedState() {
        return watched();
    }

    /** One read of the BMC, shown to the watch: how changes made elsewhere are found. */
    private PowerState watched() {
        long ticket = watch.reading();
        PowerState state = read();
        watch.read(ticket, state);
        return state;
    }

    @Override
    public final void powerOn() {
        PowerState before = watched();
        if (before != PowerState.ON) {
            change(Action.ON, before, PowerState.ON);
        }
    }

    @Override
    public final void requestShutdown() {
        if (watched() == PowerState.ON) {
            request(Action.SOFT_OFF);
        }
    }

    /** A BMC refuses or ignores a soft-off for a server that is off: asking again is harmless. */
    @Override
    public final boolean shutdownRequestRepeatable() {
        return true;
    }

    @Override
    public final void powerOff() {
        PowerState before = watched();
        if (before != PowerState.OFF) {
            change(Action.OFF, before, PowerState.OFF);
        }
    }

    @Override
    public final void reset() {
        requireOn("reset");
        request(Action.RESET);
    }

    /** An NMI goes to a running server only; a BMC without diagnostic interrupts says "not supported". */
    @Override
    public final void injectNmi() {
        requireOn("send an NMI to");
        request(Action.NMI);
    }

    /** Refuses an action that needs the server on, as libvirt refuses it on a stopped domain. */
    protected final void requireOn(String action) {
        if (watched() != PowerState.ON) {
            throw Failures.invalid("cannot " + action + " node " + node + ": it is not on");
        }
    }

    private void change(Action action, PowerState before, PowerState goal) {
        try {
            request(action);
        } catch (VirtException e) {
            // Some BMCs refuse a change to the state the server just reached: that is success.
            if (state() != goal) {
                throw e;
            }
        }
        PowerConfirm.await(this::watched, goal, confirmTimeout, confirmPoll, bmc, node);
        watch.observed(before, goal);
    }

    @Override
    public final void watch(PowerListener listener) {
        watch.add(listener);
    }

    /** Nothing runs in the background; a protocol with sessions closes them. */
    @Override
    public void close() {}
}
