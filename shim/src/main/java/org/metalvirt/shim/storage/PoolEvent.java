package org.metalvirt.shim.storage;

import java.util.UUID;

/**
 * What happened to a pool, as libvirt's pool events say it: {@code LIFECYCLE} with its
 * {@code virStoragePoolEventLifecycleType}, or {@code REFRESH} (event id 1, no detail).
 */
public record PoolEvent(UUID uuid, String name, int eventId, int event) {

    /** {@code VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE}. */
    public static final int LIFECYCLE = 0;
    /** {@code VIR_STORAGE_POOL_EVENT_ID_REFRESH}. */
    public static final int REFRESH = 1;
    /** libvirt's {@code VIR_STORAGE_POOL_EVENT_ID_LAST}: one past the last pool event id. */
    public static final int ID_LAST = 2;

    static final int DEFINED = 0;
    static final int UNDEFINED = 1;
    static final int STARTED = 2;
    static final int STOPPED = 3;
    static final int CREATED = 4;
    static final int DELETED = 5;

    static PoolEvent lifecycle(PoolRecord pool, int event) {
        return new PoolEvent(pool.uuid(), pool.name(), LIFECYCLE, event);
    }

    static PoolEvent refresh(PoolRecord pool) {
        return new PoolEvent(pool.uuid(), pool.name(), REFRESH, 0);
    }
}
