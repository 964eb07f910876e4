package org.metalvirt.shim.protocol;

/**
 * libvirt's flags enums that the served procedures take, each named after its libvirt type and
 * each value with libvirt's number. {@link RemoteProcedures} declares which a procedure accepts.
 */
public final class LibvirtFlags {

    private LibvirtFlags() {}

    /**
     * {@code virDomainModificationImpact}: where a change goes. AFFECT_CURRENT is 0, no bit: the
     * live definition while the domain runs, else the persistent one.
     */
    public enum Impact implements LibvirtFlag {
        AFFECT_LIVE(1),
        AFFECT_CONFIG(2);

        private final int code;

        Impact(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainVcpuFlags}, beside the impact bits. */
    public enum Vcpu implements LibvirtFlag {
        MAXIMUM(4),
        GUEST(8),
        HOTPLUGGABLE(16);

        private final int code;

        Vcpu(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainXMLFlags}. */
    public enum Xml implements LibvirtFlag {
        SECURE(1),
        INACTIVE(2),
        UPDATE_CPU(4),
        MIGRATABLE(8);

        private final int code;

        Xml(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainDefineFlags}. */
    public enum Define implements LibvirtFlag {
        VALIDATE(1);

        private final int code;

        Define(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainUndefineFlagsValues}. */
    public enum Undefine implements LibvirtFlag {
        MANAGED_SAVE(1),
        SNAPSHOTS_METADATA(2),
        NVRAM(4),
        KEEP_NVRAM(8),
        CHECKPOINTS_METADATA(16),
        TPM(32),
        KEEP_TPM(64);

        private final int code;

        Undefine(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainDestroyFlagsValues} (DEFAULT is 0). */
    public enum Destroy implements LibvirtFlag {
        GRACEFUL(1),
        REMOVE_LOGS(2);

        private final int code;

        Destroy(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainCreateFlags} (NONE is 0). */
    public enum Create implements LibvirtFlag {
        START_PAUSED(1),
        START_AUTODESTROY(2),
        START_BYPASS_CACHE(4),
        START_FORCE_BOOT(8),
        START_VALIDATE(16),
        START_RESET_NVRAM(32);

        private final int code;

        Create(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainShutdownFlagValues} (DEFAULT is 0): the mode of a shutdown. */
    public enum Shutdown implements LibvirtFlag {
        ACPI_POWER_BTN(1),
        GUEST_AGENT(2),
        INITCTL(4),
        SIGNAL(8),
        PARAVIRT(16);

        private final int code;

        Shutdown(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainRebootFlagValues} (DEFAULT is 0): the mode of a reboot. */
    public enum Reboot implements LibvirtFlag {
        ACPI_POWER_BTN(1),
        GUEST_AGENT(2),
        INITCTL(4),
        SIGNAL(8),
        PARAVIRT(16);

        private final int code;

        Reboot(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainDeviceModifyFlags}, beside the impact bits. */
    public enum DeviceModify implements LibvirtFlag {
        FORCE(4);

        private final int code;

        DeviceModify(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virTypedParameterFlags}. */
    public enum TypedParam implements LibvirtFlag {
        STRING_OKAY(4);

        private final int code;

        TypedParam(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virConnectListAllDomainsFlags}: each pair filters only when one of its bits is set. */
    public enum ListAll implements LibvirtFlag {
        ACTIVE(1),
        INACTIVE(2),
        PERSISTENT(4),
        TRANSIENT(8),
        RUNNING(16),
        PAUSED(32),
        SHUTOFF(64),
        OTHER(128),
        MANAGEDSAVE(256),
        NO_MANAGEDSAVE(512),
        AUTOSTART(1024),
        NO_AUTOSTART(2048),
        HAS_SNAPSHOT(4096),
        NO_SNAPSHOT(8192),
        HAS_CHECKPOINT(16384),
        NO_CHECKPOINT(32768);

        private final int code;

        ListAll(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virConnectFlags}, as CONNECT_OPEN carries them; the other bits are the client's own. */
    public enum Connect implements LibvirtFlag {
        RO(1),
        NO_ALIASES(2);

        private final int code;

        Connect(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virConnectCompareCPUFlags}. */
    public enum CompareCpu implements LibvirtFlag {
        FAIL_INCOMPATIBLE(1),
        VALIDATE_XML(2);

        private final int code;

        CompareCpu(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virConnectBaselineCPUFlags}. */
    public enum BaselineCpu implements LibvirtFlag {
        EXPAND_FEATURES(1),
        MIGRATABLE(2);

        private final int code;

        BaselineCpu(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    // Statistics and status a server can give.

    /** {@code virConnectGetAllDomainStatsFlags}: the list filters of {@link ListAll}, and how to gather. */
    public enum GetAllStats implements LibvirtFlag {
        ACTIVE(1),
        INACTIVE(2),
        PERSISTENT(4),
        TRANSIENT(8),
        RUNNING(16),
        PAUSED(32),
        SHUTOFF(64),
        OTHER(128),
        NOWAIT(1 << 29),
        BACKING(1 << 30),
        ENFORCE_STATS(1 << 31);

        private final int code;

        GetAllStats(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainStatsTypes}: the groups CONNECT_GET_ALL_DOMAIN_STATS is asked for (its {@code stats}, not flags). */
    public enum StatsType implements LibvirtFlag {
        STATE(1),
        CPU_TOTAL(2),
        BALLOON(4),
        VCPU(8),
        INTERFACE(16),
        BLOCK(32),
        PERF(64),
        IOTHREAD(128),
        MEMORY(256),
        DIRTYRATE(512),
        VM(1024);

        private final int code;

        StatsType(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainGetJobStatsFlags}. */
    public enum JobStats implements LibvirtFlag {
        COMPLETED(1),
        KEEP_COMPLETED(2);

        private final int code;

        JobStats(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainConsoleFlags}: take the console from its current client; only if access is exclusive. */
    public enum OpenConsole implements LibvirtFlag {
        FORCE(1),
        SAFE(2);

        private final int code;

        OpenConsole(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainChannelFlags}. */
    public enum OpenChannel implements LibvirtFlag {
        FORCE(1);

        private final int code;

        OpenChannel(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virDomainGetHostnameFlags}: where the name comes from; the guest agent when neither is given. */
    public enum GetHostname implements LibvirtFlag {
        LEASE(1),
        AGENT(2);

        private final int code;

        GetHostname(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /**
     * {@code virConnectListAllNodeDeviceFlags}: the capability filters (a device passes when it has
     * any capability asked for) and, since 7.3, active and inactive.
     */
    public enum ListNodeDevices implements LibvirtFlag {
        CAP_SYSTEM(1),
        CAP_PCI_DEV(1 << 1),
        CAP_USB_DEV(1 << 2),
        CAP_USB_INTERFACE(1 << 3),
        CAP_NET(1 << 4),
        CAP_SCSI_HOST(1 << 5),
        CAP_SCSI_TARGET(1 << 6),
        CAP_SCSI(1 << 7),
        CAP_STORAGE(1 << 8),
        CAP_FC_HOST(1 << 9),
        CAP_VPORTS(1 << 10),
        CAP_SCSI_GENERIC(1 << 11),
        CAP_DRM(1 << 12),
        CAP_MDEV_TYPES(1 << 13),
        CAP_MDEV(1 << 14),
        CAP_CCW_DEV(1 << 15),
        CAP_CSS_DEV(1 << 16),
        CAP_VDPA(1 << 17),
        CAP_AP_CARD(1 << 18),
        CAP_AP_QUEUE(1 << 19),
        CAP_AP_MATRIX(1 << 20),
        CAP_VPD(1 << 21),
        INACTIVE(1 << 30),
        ACTIVE(1 << 31);

        private final int code;

        ListNodeDevices(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }
}
