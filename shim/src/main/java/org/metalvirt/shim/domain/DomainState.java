package org.metalvirt.shim.domain;

/** libvirt's {@code virDomainState}, with its wire values. */
public enum DomainState {
    NOSTATE(0),
    RUNNING(1),
    BLOCKED(2),
    PAUSED(3),
    SHUTDOWN(4),
    SHUTOFF(5),
    CRASHED(6),
    PMSUSPENDED(7);

    private final int code;

    DomainState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
