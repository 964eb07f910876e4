package org.metalvirt.storage;

import java.util.Objects;

/**
 * A volume of a pool as its driver sees it now.
 *
 * @param key       unique across pools: the file's path, {@code cephpool/image}, the LUN's URI
 * @param path      what a {@code <disk>} names: the file, or the network name ({@code cephpool/image}, {@code IQN/LUN})
 * @param type      libvirt's volume type: {@code file}, {@code block}, {@code network}
 * @param format    {@code raw}, {@code qcow2}…
 * @param capacity  bytes the server sees
 * @param allocation bytes it takes in the pool
 */
public record VolumeFacts(
        String name, String key, String path, String type, String format, long capacity, long allocation) {

    public VolumeFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(path, "path");
    }
}
