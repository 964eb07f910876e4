package org.metalvirt.shim.wire;

import java.util.Objects;

/**
 * The 24-byte header of every libvirt packet. {@code prog}, {@code vers} and {@code serial} are
 * unsigned on the wire and carried here as their 32 bits; {@code proc} is signed.
 */
public record Header(int prog, int vers, int proc, MessageType type, int serial, MessageStatus status) {

    /** Bytes the header takes on the wire. */
    public static final int SIZE = 24;

    public Header {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    /** The header of the answer to this call: same program, version, procedure and serial. */
    public Header reply(MessageStatus replyStatus) {
        return new Header(prog, vers, proc, MessageType.REPLY, serial, replyStatus);
    }

    /** The header of a stream packet that a call opened: same program, version, procedure and serial. */
    public Header stream(MessageStatus streamStatus) {
        return new Header(prog, vers, proc, MessageType.STREAM, serial, streamStatus);
    }

    @Override
    public String toString() {
        return "Header[prog=0x" + Integer.toHexString(prog) + ", vers=" + vers + ", proc=" + proc + ", type=" + type
                + ", serial=" + Integer.toUnsignedString(serial) + ", status=" + status + "]";
    }
}
