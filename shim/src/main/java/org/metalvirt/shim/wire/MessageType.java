package org.metalvirt.shim.wire;

/** libvirt's {@code virNetMessageType}, with its wire values. */
public enum MessageType {
    CALL(0),
    REPLY(1),
    MESSAGE(2),
    STREAM(3),
    CALL_WITH_FDS(4),
    REPLY_WITH_FDS(5),
    STREAM_HOLE(6);

    private static final MessageType[] VALUES = values(); // values() copies its array at each call

    private final int value;

    MessageType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    static MessageType of(int value) {
        for (MessageType type : VALUES) {
            if (type.value == value) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown message type " + value);
    }
}
