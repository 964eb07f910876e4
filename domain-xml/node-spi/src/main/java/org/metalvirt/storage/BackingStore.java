package org.metalvirt.storage;

import java.util.Objects;

/**
 * A volume's {@code <backingStore>}: the image a copy-on-write overlay reads what it has not
 * written from.
 *
 * @param path        the backing image; relative paths are taken from the pool's directory
 * @param format      its format ({@code raw}, {@code qcow2}…)
 * @param permissions its file's, when found; {@link VolumePermissions#NONE} otherwise
 */
public record BackingStore(String path, String format, VolumePermissions permissions) {

    public BackingStore {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(permissions, "permissions");
    }
}
