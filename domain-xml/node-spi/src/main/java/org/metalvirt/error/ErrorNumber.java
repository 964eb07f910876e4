package org.metalvirt.error;

/**
 * The libvirt {@code virErrorNumber} values metalvirt reports, each with its number written out.
 *
 * <p>libvirt only ever appends to this enumeration, so the numbers are stable; they are written
 * explicitly because clients (libvirt-java among them) map codes by position, and an ordinal
 * would silently drift the moment a constant is added here.
 */
public enum ErrorNumber {
    INTERNAL_ERROR(1),
    NO_SUPPORT(3),
    NO_CONNECT(5),
    INVALID_CONN(6),
    INVALID_ARG(8),
    OPERATION_FAILED(9),
    NO_SOURCE(19),
    NO_TARGET(20),
    NO_NAME(21),
    XML_ERROR(27),
    DOM_EXIST(28),
    OPERATION_DENIED(29),
    XML_DETAIL(35),
    SYSTEM_ERROR(38),
    RPC(39),
    AUTH_FAILED(45),
    NO_DOMAIN(42),
    NO_NETWORK(43),
    NO_STORAGE_POOL(49),
    NO_STORAGE_VOL(50),
    NO_NODE_DEVICE(53),
    OPERATION_INVALID(55),
    INVALID_SECRET(65),
    NO_SECRET(66),
    CONFIG_UNSUPPORTED(67),
    OPERATION_TIMEOUT(68),
    ARGUMENT_UNSUPPORTED(74),
    STORAGE_POOL_BUILT(76),
    NO_DOMAIN_METADATA(80),
    OPERATION_UNSUPPORTED(84),
    STORAGE_VOL_EXIST(90),
    CPU_INCOMPATIBLE(91),
    NO_SERVER(95),
    NO_CLIENT(96),
    DEVICE_MISSING(99),
    NO_HOSTNAME(108);

    private final int code;

    ErrorNumber(int code) {
        this.code = code;
    }

    /** The number libvirt puts on the wire. */
    public int code() {
        return code;
    }
}
