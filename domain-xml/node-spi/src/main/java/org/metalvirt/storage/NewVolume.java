package org.metalvirt.storage;

import java.util.Objects;

/** A volume to create: its name, format ({@code raw}, {@code qcow2}) and sizes in bytes. */
public record NewVolume(String name, String format, long capacity, long allocation) {

    public NewVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
    }
}
