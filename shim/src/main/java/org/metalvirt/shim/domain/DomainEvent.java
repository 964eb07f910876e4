package org.metalvirt.shim.domain;

/**
 * Something that happened to a domain, for the clients registered for it. Each kind carries
 * libvirt's {@code virDomainEventID}; lifecycle events carry libvirt's event type and detail,
 * typed so that a detail can only go with its own event type. Every number is libvirt's, written
 * out ({@code code()}), never an ordinal.
 */
public sealed interface DomainEvent {

    DomainRef domain();

    Id eventId();

    /** {@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}: the detail says which event type it is. */
    record Lifecycle(DomainRef domain, Detail detail) implements DomainEvent {
        public Type event() {
            return detail.type();
        }

        @Override
        public Id eventId() {
            return Id.LIFECYCLE;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_REBOOT}. */
    record Reboot(DomainRef domain) implements DomainEvent {
        @Override
        public Id eventId() {
            return Id.REBOOT;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED}: Nova's detach waits for this, by alias. */
    record DeviceRemoved(DomainRef domain, String alias) implements DomainEvent {
        @Override
        public Id eventId() {
            return Id.DEVICE_REMOVED;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_DEVICE_ADDED}. */
    record DeviceAdded(DomainRef domain, String alias) implements DomainEvent {
        @Override
        public Id eventId() {
            return Id.DEVICE_ADDED;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED}. */
    record DeviceRemovalFailed(DomainRef domain, String alias) implements DomainEvent {
        @Override
        public Id eventId() {
            return Id.DEVICE_REMOVAL_FAILED;
        }
    }

    /**
     * {@code VIR_DOMAIN_EVENT_ID_IO_ERROR}: a disk's I/O fails; {@code srcPath} is its source (file
     * path, or the network volume's name), {@code alias} its live alias, {@code action} what was done.
     */
    record IoError(DomainRef domain, String srcPath, String alias, IoErrorAction action) implements DomainEvent {
        @Override
        public Id eventId() {
            return Id.IO_ERROR;
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON}: the same, with why. */
    record IoErrorReason(DomainRef domain, String srcPath, String alias, IoErrorAction action, String reason)
            implements DomainEvent {
        @Override
        public Id eventId() {
            return Id.IO_ERROR_REASON;
        }
    }

    /**
     * {@code virDomainEventIOErrorAction}. A card cannot pause the server: its I/O errors are
     * always reported to the server's OS.
     */
    enum IoErrorAction {
        NONE(0),
        PAUSE(1),
        REPORT(2);

        private final int code;

        IoErrorAction(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** {@code virDomainEventID}: what a client registers for. Ids 0 to 26 exist in libvirt 9. */
    enum Id {
        LIFECYCLE(0),
        REBOOT(1),
        RTC_CHANGE(2),
        WATCHDOG(3),
        IO_ERROR(4),
        GRAPHICS(5),
        IO_ERROR_REASON(6),
        CONTROL_ERROR(7),
        BLOCK_JOB(8),
        DISK_CHANGE(9),
        TRAY_CHANGE(10),
        PMWAKEUP(11),
        PMSUSPEND(12),
        BALLOON_CHANGE(13),
        PMSUSPEND_DISK(14),
        DEVICE_REMOVED(15),
        BLOCK_JOB_2(16),
        TUNABLE(17),
        AGENT_LIFECYCLE(18),
        DEVICE_ADDED(19),
        MIGRATION_ITERATION(20),
        JOB_COMPLETED(21),
        DEVICE_REMOVAL_FAILED(22),
        METADATA_CHANGE(23),
        BLOCK_THRESHOLD(24),
        MEMORY_FAILURE(25),
        MEMORY_DEVICE_SIZE_CHANGE(26);

        private final int code;

        Id(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** {@code virDomainEventType}. */
    enum Type {
        DEFINED(0),
        UNDEFINED(1),
        STARTED(2),
        SUSPENDED(3),
        RESUMED(4),
        STOPPED(5),
        SHUTDOWN(6),
        PMSUSPENDED(7),
        CRASHED(8);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** A lifecycle event's detail: one enum per event type, as libvirt's {@code virDomainEvent*DetailType}. */
    sealed interface Detail permits Defined, Undefined, Started, Suspended, Resumed, Stopped, Shutdown {
        Type type();

        int code();
    }

    /** {@code virDomainEventDefinedDetailType}. */
    enum Defined implements Detail {
        ADDED(0),
        UPDATED(1),
        RENAMED(2),
        FROM_SNAPSHOT(3);

        private final int code;

        Defined(int code) {
            this.code = code;
        }

        @Override
        public Type type() {
            return Type.DEFINED;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainEventUndefinedDetailType}. */
    enum Undefined implements Detail {
        REMOVED(0),
        RENAMED(1);

        private final int code;

        Undefined(int code) {
            this.code = code;
        }

        @Override
        public Type type() {
            return Type.UNDEFINED;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainEventStartedDetailType}. */
    enum Started implements Detail {
        BOOTED(0),
        MIGRATED(1),
        RESTORED(2),
        FROM_SNAPSHOT(3),
        WAKEUP(4);

        private final int code;

        Started(int code) {
            this.code = code;
        }

        @Override
        public Type type() {
            return Type.STARTED;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainEventSuspendedDetailType}. */
    enum Suspended implements Detail {
        PAUSED(0),
        MIGRATED(1),
        IOERROR(2),
        WATCHDOG(3),
        RESTORED(4),
        FROM_SNAPSHOT(5),
        API_ERROR(6),
        POSTCOPY(7),
        POSTCOPY_FAILED(8);

        private final int code;

        Suspended(int code) {
            this.code = code;
        }

        @Override
        public Type type() {
            return Type.SUSPENDED;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainEventResumedDetailType}. */
    enum Resumed implements Detail {
        UNPAUSED(0),
        MIGRATED(1),
        FROM_SNAPSHOT(2),
        POSTCOPY(3),
        POSTCOPY_FAILED(4);

        private final int code;

        Resumed(int code) {
            this.code = code;
        }

        @Override
        public Type type() {
            return Type.RESUMED;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainEventStoppedDetailType}. */
    enum Stopped implements Detail {
        SHUTDOWN(0),
        DESTROYED(1),
        CRASHED(2),
        MIGRATED(3),
        SAVED(4),
        FAILED(5),
        FROM_SNAPSHOT(6);

        private final int code;

        Stopped(int code) {
            this.code = code;
        }

        @Override
        public Type type() {
            return Type.STOPPED;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainEventShutdownDetailType}. */
    enum Shutdown implements Detail {
        FINISHED(0),
        GUEST(1),
        HOST(2);

        private final int code;

        Shutdown(int code) {
            this.code = code;
        }

        @Override
        public Type type() {
            return Type.SHUTDOWN;
        }

        @Override
        public int code() {
            return code;
        }
    }
}
