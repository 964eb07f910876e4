package org.metalvirt.node;

import org.metalvirt.error.VirtException;

/**
 * Capability: the server's power. Every operation returns once the hardware confirms it, or
 * throws a {@code VirtException}: {@code OPERATION_TIMEOUT} when confirmation does not come in
 * time, {@code OPERATION_FAILED} when the hardware refuses. Operations on one server are never
 * called concurrently by the daemon.
 */
public interface PowerControl {

    /** The confirmed state, read from the hardware now. */
    PowerState state();

    /**
     * As {@link #state}, but a read that fails says why instead of answering {@code UNKNOWN}: the
     * driver's {@code VirtException} (the BMC refusing the session, no answer in time), for an
     * operator's check; the daemon's polls keep {@link #state}. Default: {@link #state}, for
     * drivers whose reads do not fail.
     */
    default PowerState checkedState() {
        return state();
    }

    /** Powers on and returns once the server reports power good. On when already on. */
    void powerOn();

    /**
     * Asks the OS to shut down (an ACPI power-button press) and returns once the request is
     * delivered. The server goes off when its OS is done, or never if the OS ignores it: the
     * change arrives through {@link #watch}.
     */
    void requestShutdown();

    /**
     * Whether {@link #requestShutdown} may be sent again while the OS is still shutting down, as
     * agents do when an OS seems not to react (Nova re-sends every few seconds). True where a
     * request that reaches a server already off does nothing (a BMC's soft-off, QEMU's
     * {@code system_powerdown}); false where it could turn the server back on (a front-panel
     * press landing just as the OS powers off). The daemon then sends one request per shutdown.
     */
    default boolean shutdownRequestRepeatable() {
        return false;
    }

    /** Forces power off and returns once the server reports it off. Off when already off. */
    void powerOff();

    /** Pulses the reset line: the server restarts without losing power. */
    void reset();

    /**
     * Sends the running server a non-maskable interrupt (a front-panel NMI button, a BMC's
     * "diagnostic interrupt"); what its OS does with it is the OS's business (a panic and a crash
     * dump, a log line). Returns once the hardware took the request; throws
     * {@code OPERATION_INVALID} when the server is off, and {@code NO_SUPPORT} where the wiring or
     * the BMC cannot send one — the default.
     */
    default void injectNmi() {
        throw VirtException.noSupport("NMI on this node");
    }

    /** Registers the listener told of every confirmed change from now on. */
    void watch(PowerListener listener);
}
