package org.metalvirt.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * A volume of a pool as its driver sees it now.
 *
 * @param key       unique across pools: the file's path, {@code cephpool/image}, the LUN's URI
 * @param path      what a {@code <disk>} names: the file, or the network name ({@code cephpool/image}, {@code IQN/LUN})
 * @param type      libvirt's volume type: {@code file}, {@code block}, {@code network}
 * @param format    {@code raw}, {@code qcow2}…
 * @param capacity  bytes the server sees
 * @param allocation bytes it takes in the pool
 * @param permissions the file's mode, owner and group; {@link VolumePermissions#NONE} for what is no file
 * @param backing   the image an overlay reads through to
 */
public record VolumeFacts(
        String name,
        String key,
        String path,
        String type,
        String format,
        long capacity,
        long allocation,
        VolumePermissions permissions,
        Optional<BackingStore> backing) {

    public VolumeFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(backing, "backing");
    }

    /** A volume that is no file of the card's (an RBD image, a LUN): no permissions, no backing store. */
    public VolumeFacts(
            String name, String key, String path, String type, String format, long capacity, long allocation) {
        this(name, key, path, type, format, capacity, allocation, VolumePermissions.NONE, Optional.empty());
    }
}
