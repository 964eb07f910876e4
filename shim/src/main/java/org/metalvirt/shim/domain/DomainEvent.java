package org.metalvirt.shim.domain;

/**
 * Something that happened to a domain, for the clients registered for it. Each kind carries
 * libvirt's {@code virDomainEventID}; lifecycle events carry libvirt's event and detail numbers.
 */
public sealed interface DomainEvent {

    DomainRef domain();

    /** libvirt's {@code virDomainEventID}. */
    int eventId();

    /** {@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}: see the constants for {@code event} and {@code detail}. */
    record Lifecycle(DomainRef domain, int event, int detail) implements DomainEvent {
        public static final int DEFINED = 0;
        public static final int UNDEFINED = 1;
        public static final int STARTED = 2;
        public static final int SUSPENDED = 3;
        public static final int RESUMED = 4;
        public static final int STOPPED = 5;
        public static final int SHUTDOWN = 6;

        /** DEFINED: ADDED; UNDEFINED: REMOVED; STARTED: BOOTED; SUSPENDED: PAUSED; RESUMED: UNPAUSED; STOPPED: SHUTDOWN; SHUTDOWN: FINISHED. */
        public static final int FIRST_DETAIL = 0;
        /** DEFINED: UPDATED; STOPPED: DESTROYED; SHUTDOWN: GUEST. */
        public static final int SECOND_DETAIL = 1;
        /** STOPPED: FAILED, a start that did not complete. */
        public static final int STOPPED_FAILED = 5;

        @Override
        public int eventId() {
            return 0;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_REBOOT}. */
    record Reboot(DomainRef domain) implements DomainEvent {
        @Override
        public int eventId() {
            return 1;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED}: Nova's detach waits for this, by alias. */
    record DeviceRemoved(DomainRef domain, String alias) implements DomainEvent {
        @Override
        public int eventId() {
            return 15;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_DEVICE_ADDED}. */
    record DeviceAdded(DomainRef domain, String alias) implements DomainEvent {
        @Override
        public int eventId() {
            return 19;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED}. */
    record DeviceRemovalFailed(DomainRef domain, String alias) implements DomainEvent {
        @Override
        public int eventId() {
            return 22;
        }
    }
}
