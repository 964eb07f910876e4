package org.metalvirt.baremetal;

import static java.util.Objects.requireNonNullElse;
import static org.metalvirt.options.NodeOptions.millis;

import java.time.Duration;
import org.metalvirt.options.Range;

/** The {@code simboard} backend's options, all optional (see the module README for the defaults). */
record SimBoardOptions(
        @Range Long powerOnMillis,
        @Range Long osShutdownMillis,
        @Range(min = 1) Long overrideMillis,
        @Range(max = 64) Integer maxVfs,
        @Range(max = 64) Integer maxDisks) {

    Duration powerOn() {
        return millis(powerOnMillis, Duration.ofSeconds(1));
    }

    Duration osShutdown() {
        return millis(osShutdownMillis, Duration.ofSeconds(2));
    }

    /** How long the button must be held for the board to force power off. */
    Duration override() {
        return millis(overrideMillis, Duration.ofSeconds(4));
    }

    int vfs() {
        return requireNonNullElse(maxVfs, 8);
    }

    int disks() {
        return requireNonNullElse(maxDisks, 8);
    }
}
