package org.metalvirt.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * A volume to create: its name, format ({@code raw}, {@code qcow2}) and sizes in bytes (a capacity
 * of 0 with a backing store takes the backing image's), the permissions its file gets, and the
 * image it overlays.
 */
public record NewVolume(
        String name,
        String format,
        long capacity,
        long allocation,
        VolumePermissions permissions,
        Optional<BackingStore> backing) {

    public NewVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(backing, "backing");
    }

    /** A volume with no permissions asked and no backing store. */
    public NewVolume(String name, String format, long capacity, long allocation) {
        this(name, format, capacity, allocation, VolumePermissions.NONE, Optional.empty());
    }
}
