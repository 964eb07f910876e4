package org.metalvirt.shim.storage;

import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;

/** libvirt's storage driver errors, worded as it words them. */
final class PoolErrors {

    private PoolErrors() {}

    static VirtException noPool(String detail) {
        return new VirtException(ErrorNumber.NO_STORAGE_POOL, ErrorDomain.STORAGE, "Storage pool not found: " + detail);
    }

    static VirtException noVolume(String detail) {
        return new VirtException(
                ErrorNumber.NO_STORAGE_VOL, ErrorDomain.STORAGE, "Storage volume not found: " + detail);
    }

    static VirtException notActive(PoolRecord pool) {
        return Failures.invalid(ErrorDomain.STORAGE, "storage pool '" + pool.name() + "' is not active");
    }

    static VirtException alreadyActive(PoolRecord pool) {
        return Failures.invalid(ErrorDomain.STORAGE, "storage pool '" + pool.name() + "' is already active");
    }

    static VirtException stillActive(PoolRecord pool) {
        return Failures.invalid(ErrorDomain.STORAGE, "storage pool '" + pool.name() + "' is still active");
    }

    static PoolRecord requireActive(PoolRecord pool) {
        if (!pool.active()) {
            throw notActive(pool);
        }
        return pool;
    }

    static PoolRecord requireInactive(PoolRecord pool) {
        if (pool.active()) {
            throw stillActive(pool);
        }
        return pool;
    }
}
