package org.metalvirt.error;

import java.util.Objects;

/**
 * The one error type of metalvirt: a libvirt error with its number, domain and message.
 *
 * <p>Every layer throws it (or translates its own failures into it at its boundary); the RPC
 * layer turns it into a {@code remote_error} reply unchanged. Unchecked, so that the path of a
 * call reads top to bottom without wrapping at every step.
 */
public final class VirtException extends RuntimeException {

    private final ErrorNumber number;
    private final ErrorDomain domain;

    public VirtException(ErrorNumber number, ErrorDomain domain, String message) {
        this(number, domain, message, null);
    }

    public VirtException(ErrorNumber number, ErrorDomain domain, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.number = Objects.requireNonNull(number, "number");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    public ErrorNumber number() {
        return number;
    }

    public ErrorDomain domain() {
        return domain;
    }

    /** libvirt's wording for a capability the driver lacks: {@code VIR_ERR_NO_SUPPORT}. */
    public static VirtException noSupport(String what) {
        return new VirtException(
                ErrorNumber.NO_SUPPORT,
                ErrorDomain.NONE,
                "this function is not supported by the connection driver: " + what);
    }

    @Override
    public String toString() {
        return "VirtException[" + number + "(" + number.code() + "), " + domain + "(" + domain.code() + ")]: "
                + getMessage();
    }
}
