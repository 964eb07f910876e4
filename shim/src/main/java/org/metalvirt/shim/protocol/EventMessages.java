package org.metalvirt.shim.protocol;

/**
 * The MESSAGE procedures that carry domain events to clients: sent, never called, so they are
 * numbers beside their payload records rather than {@link Procedure}s.
 */
public final class EventMessages {

    private EventMessages() {
    }

    /** Legacy, without a callback id: {@link Event.LifecycleMsg}. */
    public static final int DOMAIN_EVENT_LIFECYCLE = 107;
    /** Legacy, without a callback id: {@link Event.DeviceRemovedMsg}. */
    public static final int DOMAIN_EVENT_DEVICE_REMOVED = 311;
    public static final int DOMAIN_EVENT_CALLBACK_LIFECYCLE = 318;
    public static final int DOMAIN_EVENT_CALLBACK_REBOOT = 319;
    public static final int DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED = 333;
    public static final int DOMAIN_EVENT_CALLBACK_DEVICE_ADDED = 354;
    public static final int DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED = 367;
}
