package org.metalvirt.error;

/**
 * How a backend says what went wrong at its boundary, with the codes the architecture assigns:
 * hardware refusals, timeouts, wrong states, missing devices. One place, so every backend
 * reports the same failure the same way.
 */
public final class Failures {

    private Failures() {}

    /** The hardware, the BMC or a tool refused or broke. */
    public static VirtException failed(String message) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.NONE, message);
    }

    public static VirtException failed(String message, Throwable cause) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.NONE, message, cause);
    }

    /** Confirmation did not come in time. */
    public static VirtException timeout(String message) {
        return new VirtException(ErrorNumber.OPERATION_TIMEOUT, ErrorDomain.NONE, message);
    }

    /** The server is not in a state where the operation makes sense. */
    public static VirtException invalid(String message) {
        return new VirtException(ErrorNumber.OPERATION_INVALID, ErrorDomain.NONE, message);
    }

    /** Physically impossible with this wiring or hardware. */
    public static VirtException unsupported(String message) {
        return new VirtException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.NONE, message);
    }

    /** No device with that id is attached. */
    public static VirtException missing(String message) {
        return new VirtException(ErrorNumber.DEVICE_MISSING, ErrorDomain.NONE, message);
    }

    /** The thread was interrupted while waiting on the hardware; the flag is set again. */
    public static VirtException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed("interrupted while " + what, e);
    }

    // libvirt's drivers word the errors of their objects with a fixed prefix per code; these
    // are those, for the daemon's objects (domains now; networks and pools use them too).

    /** libvirt's NO_DOMAIN: no domain has that uuid, name or id (any more). */
    public static VirtException noDomain(String detail) {
        return new VirtException(ErrorNumber.NO_DOMAIN, ErrorDomain.DOMAIN, "Domain not found: " + detail);
    }

    /** libvirt's NO_NETWORK: no network has that uuid or name (any more). */
    public static VirtException noNetwork(String detail) {
        return new VirtException(ErrorNumber.NO_NETWORK, ErrorDomain.NETWORK, "Network not found: " + detail);
    }

    /** libvirt's NO_NODE_DEVICE: no node device has that name (any more). */
    public static VirtException noNodeDevice(String detail) {
        return new VirtException(ErrorNumber.NO_NODE_DEVICE, ErrorDomain.NODEDEV, "Node device not found: " + detail);
    }

    /** The object's state does not allow the operation. */
    public static VirtException invalid(ErrorDomain from, String detail) {
        return new VirtException(ErrorNumber.OPERATION_INVALID, from, "Requested operation is not valid: " + detail);
    }

    /** The operation was tried and failed. */
    public static VirtException failed(ErrorDomain from, String detail) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, from, "operation failed: " + detail);
    }

    /** Waiting for the object (its lock, its hardware) took longer than allowed. */
    public static VirtException timedOut(ErrorDomain from, String detail) {
        return new VirtException(ErrorNumber.OPERATION_TIMEOUT, from, "Timed out during operation: " + detail);
    }

    /** The object can never do this. */
    public static VirtException unsupported(ErrorDomain from, String detail) {
        return new VirtException(ErrorNumber.OPERATION_UNSUPPORTED, from, "Operation not supported: " + detail);
    }
}
