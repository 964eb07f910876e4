package org.metalvirt.shim.nodedev;

/**
 * libvirt's node-device events: {@code VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE} (a device appeared or
 * went away) and {@code VIR_NODE_DEVICE_EVENT_ID_UPDATE} (its XML changed), about a device by name.
 */
public sealed interface NodeDeviceEvent {

    /** {@code VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE}. */
    int ID_LIFECYCLE = 0;

    /** {@code VIR_NODE_DEVICE_EVENT_ID_UPDATE}. */
    int ID_UPDATE = 1;

    /** libvirt's {@code VIR_NODE_DEVICE_EVENT_ID_LAST}: one past the last node-device event id. */
    int ID_LAST = 2;

    /** The device's name, as it was when it happened. */
    String name();

    int eventId();

    /** {@code virNodeDeviceEventLifecycleType}; its detail is always 0. */
    enum Type {
        CREATED(0),
        DELETED(1),
        DEFINED(2),
        UNDEFINED(3);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    record Lifecycle(String name, Type type) implements NodeDeviceEvent {
        @Override
        public int eventId() {
            return ID_LIFECYCLE;
        }
    }

    record Update(String name) implements NodeDeviceEvent {
        @Override
        public int eventId() {
            return ID_UPDATE;
        }
    }
}
