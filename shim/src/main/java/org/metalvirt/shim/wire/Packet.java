package org.metalvirt.shim.wire;

import java.util.Objects;

/**
 * One libvirt packet: a header and its payload, still XDR-encoded (or raw stream data).
 * The payload array is owned by the packet; nobody modifies it after construction.
 */
public record Packet(Header header, byte[] payload) {

    /** The length word's own size: libvirt's length counts itself. */
    public static final int LENGTH_WORD = 4;

    /** libvirt's VIR_NET_MESSAGE_MAX: header and payload, the length word excluded. */
    public static final int MAX_MESSAGE = 32 * 1024 * 1024;

    /** The largest value a length word may carry. */
    public static final int MAX_LENGTH = MAX_MESSAGE + LENGTH_WORD;

    /** The smallest: a header with an empty payload. */
    public static final int MIN_LENGTH = LENGTH_WORD + Header.SIZE;

    public Packet {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_MESSAGE - Header.SIZE) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds the packet limit");
        }
    }

    /** The value of this packet's length word. */
    public int length() {
        return MIN_LENGTH + payload.length;
    }

    @Override
    public String toString() {
        return "Packet[" + header + ", " + payload.length + " payload bytes]";
    }
}
