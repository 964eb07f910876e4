package org.metalvirt.shim.network;

import java.util.UUID;

/**
 * libvirt's {@code VIR_NETWORK_EVENT_ID_LIFECYCLE} event (the only network event id): which
 * network, as it was named when it happened, and what happened. Its detail is always 0.
 */
public record NetworkEvent(String name, UUID uuid, Type type) {

    /** libvirt's {@code VIR_NETWORK_EVENT_ID_LAST}: one past the last network event id. */
    public static final int ID_LAST = 1;

    /** {@code VIR_NETWORK_EVENT_ID_LIFECYCLE}. */
    public static final int ID_LIFECYCLE = 0;

    /** {@code virNetworkEventLifecycleType}. */
    public enum Type {
        DEFINED(0),
        UNDEFINED(1),
        STARTED(2),
        STOPPED(3);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    static NetworkEvent of(NetworkRecord record, Type type) {
        return new NetworkEvent(record.name(), record.uuid(), type);
    }
}
