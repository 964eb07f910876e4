package org.metalvirt.shim.protocol;

/** libvirt's storage flags enums ({@code libvirt-storage.h}) that the served storage calls take. */
public final class StorageFlags {

    private StorageFlags() {}

    /** {@code virStoragePoolBuildFlags}. */
    public enum PoolBuild implements LibvirtFlag {
        REPAIR(1),
        RESIZE(2),
        NO_OVERWRITE(4),
        OVERWRITE(8);

        private final int code;

        PoolBuild(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virStoragePoolCreateFlags}. */
    public enum PoolCreate implements LibvirtFlag {
        WITH_BUILD(1),
        WITH_BUILD_OVERWRITE(2),
        WITH_BUILD_NO_OVERWRITE(4);

        private final int code;

        PoolCreate(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virConnectListAllStoragePoolsFlags}: state and kind filters, then one bit per pool type. */
    public enum ListAllPools implements LibvirtFlag {
        INACTIVE(1),
        ACTIVE(2),
        PERSISTENT(4),
        TRANSIENT(8),
        AUTOSTART(16),
        NO_AUTOSTART(32),
        DIR(1 << 6),
        FS(1 << 7),
        NETFS(1 << 8),
        LOGICAL(1 << 9),
        DISK(1 << 10),
        ISCSI(1 << 11),
        SCSI(1 << 12),
        MPATH(1 << 13),
        RBD(1 << 14),
        SHEEPDOG(1 << 15),
        GLUSTER(1 << 16),
        ZFS(1 << 17),
        VSTORAGE(1 << 18),
        ISCSI_DIRECT(1 << 19);

        private final int code;

        ListAllPools(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** One-flag enums: {@code VIR_STORAGE_POOL_DEFINE_VALIDATE}, {@code VIR_STORAGE_XML_INACTIVE}, … */
    public enum Single implements LibvirtFlag {
        POOL_DEFINE_VALIDATE(1),
        XML_INACTIVE(1),
        VOL_GET_PHYSICAL(1),
        VOL_DELETE_ZEROED(1),
        VOL_RESIZE_ALLOCATE(1),
        VOL_RESIZE_DELTA(2),
        VOL_RESIZE_SHRINK(4);

        private final int code;

        Single(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virStorageVolCreateFlags}. */
    public enum VolCreate implements LibvirtFlag {
        PREALLOC_METADATA(1),
        VALIDATE(4);

        private final int code;

        VolCreate(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }
}
