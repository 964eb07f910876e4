package org.metalvirt.error;

/**
 * The libvirt {@code virErrorDomain} values metalvirt reports: which part of the stack raised an
 * error. Numbers are written out for the same reason as {@link ErrorNumber}.
 */
public enum ErrorDomain {
    NONE(0),
    XML(5),
    RPC(7),
    CONF(9),
    QEMU(10),
    REMOTE(13),
    STORAGE(18),
    NETWORK(19),
    DOMAIN(20),
    NODEDEV(22),
    INTERFACE(26),
    SECRET(30),
    CPU(31),
    NWFILTER(33),
    DOMAIN_SNAPSHOT(35),
    STREAMS(38),
    DEVICE(49),
    ADMIN(62),
    DOMAIN_CHECKPOINT(69);

    private final int code;

    ErrorDomain(int code) {
        this.code = code;
    }

    /** The number libvirt puts on the wire. */
    public int code() {
        return code;
    }
}
