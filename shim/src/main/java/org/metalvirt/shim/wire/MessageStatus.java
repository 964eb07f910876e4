package org.metalvirt.shim.wire;

/** libvirt's {@code virNetMessageStatus}, with its wire values. */
public enum MessageStatus {
    OK(0),
    ERROR(1),
    CONTINUE(2);

    private static final MessageStatus[] VALUES = values(); // values() copies its array at each call

    private final int value;

    MessageStatus(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    static MessageStatus of(int value) {
        for (MessageStatus status : VALUES) {
            if (status.value == value) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown message status " + value);
    }
}
