package org.metalvirt.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A volume file's {@code <permissions>}: its mode bits, owner and group ids and security label,
 * each absent when not given (libvirt's -1), as asked of a new volume or found on a file.
 *
 * @param mode  permission bits, at most 0777
 * @param owner user id
 * @param group group id
 * @param label security label (SELinux); never applied, as libvirt's volume creation applies none
 */
public record VolumePermissions(OptionalInt mode, OptionalLong owner, OptionalLong group, Optional<String> label) {

    /** Nothing given. */
    public static final VolumePermissions NONE =
            new VolumePermissions(OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

    public VolumePermissions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(label, "label");
        if (mode.isPresent() && (mode.getAsInt() & ~0777) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode.getAsInt()) + " is beyond 0777");
        }
    }

    /** A file's mode, owner and group as found. */
    public static VolumePermissions of(int mode, long owner, long group) {
        return new VolumePermissions(
                OptionalInt.of(mode & 0777), OptionalLong.of(owner), OptionalLong.of(group), Optional.empty());
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
