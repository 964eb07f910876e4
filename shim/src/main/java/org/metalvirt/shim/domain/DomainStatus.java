package org.metalvirt.shim.domain;

/**
 * A domain's state and the reason for it, as {@code virDomainGetState} reports them. The
 * constants are the pairs metalvirt uses, each what libvirt's QEMU driver reports in the same
 * situation; reasons carry libvirt's numbers for their state. A server whose OS is shutting
 * down is still RUNNING, as a QEMU guest is until it has powered off: agents take the SHUTDOWN
 * state for "off" (Nova's clean shutdown then forces the power off), so it is never reported.
 */
public record DomainStatus(DomainState state, int reason) {

    /** Power is on and was turned on by a start. */
    public static final DomainStatus RUNNING_BOOTED = new DomainStatus(DomainState.RUNNING, 1);
    /** Power is on, turned on by a resume of a domain started paused. */
    public static final DomainStatus RUNNING_UNPAUSED = new DomainStatus(DomainState.RUNNING, 5);
    /** Power is on and nobody here turned it on (found on at start-up, pressed out of band). */
    public static final DomainStatus RUNNING_UNKNOWN = new DomainStatus(DomainState.RUNNING, 0);
    /** Started paused: disks and VFs prepared, power still off. */
    public static final DomainStatus PAUSED_USER = new DomainStatus(DomainState.PAUSED, 1);
    /** A start under way: devices prepared, the button pressed, power good not reported yet. */
    public static final DomainStatus PAUSED_STARTING_UP = new DomainStatus(DomainState.PAUSED, 11);

    public static final DomainStatus SHUTOFF_UNKNOWN = new DomainStatus(DomainState.SHUTOFF, 0);
    /** The server's OS shut down (asked to, or on its own). */
    public static final DomainStatus SHUTOFF_SHUTDOWN = new DomainStatus(DomainState.SHUTOFF, 1);
    /** Power was forced off. */
    public static final DomainStatus SHUTOFF_DESTROYED = new DomainStatus(DomainState.SHUTOFF, 2);
    /** A start failed half way. */
    public static final DomainStatus SHUTOFF_FAILED = new DomainStatus(DomainState.SHUTOFF, 6);
    /** The power state of an active domain's server cannot be read. */
    public static final DomainStatus NOSTATE = new DomainStatus(DomainState.NOSTATE, 0);

    @Override
    public String toString() {
        return state.name().toLowerCase() + " (reason " + reason + ")";
    }

    /** Whether a domain in this state is active: it has an id and holds its node. */
    public boolean active() {
        return state != DomainState.SHUTOFF;
    }
}
