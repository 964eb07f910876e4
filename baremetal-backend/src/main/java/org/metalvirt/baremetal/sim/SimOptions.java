package org.metalvirt.baremetal.sim;

import static org.metalvirt.options.NodeOptions.millis;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.metalvirt.options.NodeOptions;
import org.metalvirt.options.Range;

/**
 * The {@code sim} backend's options, bound from a node's configuration; every one is optional and
 * any timing left out is {@link SimTimings#DEFAULTS}'.
 *
 * @param confirmTimeoutMillis absent for {@link SimPowerControl}'s default
 * @param startOn              whether the server is already running when the daemon starts
 */
record SimOptions(
        @Range Long powerOnMillis,
        @Range Long osShutdownMillis,
        Boolean osHangs,
        @Range Long hardOffMillis,
        @Range Long resetMillis,
        @Range(min = 1) Long confirmTimeoutMillis,
        @Range(max = PciSlots.MAX) Integer maxDisks,
        @Range(max = PciSlots.MAX) Integer maxVfs,
        Boolean startOn) {

    /** Throws {@code IllegalArgumentException} naming the first bad option. */
    static SimOptions bind(Map<String, String> options) {
        return new NodeOptions("sim", NodeOptions.Wording.COLON).bind(options, SimOptions.class);
    }

    SimTimings timings() {
        SimTimings defaults = SimTimings.DEFAULTS;
        return new SimTimings(
                millis(powerOnMillis, defaults.powerOn()),
                millis(osShutdownMillis, defaults.osShutdown()),
                Objects.requireNonNullElse(osHangs, defaults.osHangs()),
                millis(hardOffMillis, defaults.hardOff()),
                millis(resetMillis, defaults.reset()));
    }

    Optional<Duration> confirmTimeout() {
        return Optional.ofNullable(confirmTimeoutMillis).map(Duration::ofMillis);
    }

    int disks() {
        return Objects.requireNonNullElse(maxDisks, SimBlockStorage.DEFAULT_MAX);
    }

    int vfs() {
        return Objects.requireNonNullElse(maxVfs, SimNetworkAttachment.DEFAULT_MAX);
    }

    boolean on() {
        return Boolean.TRUE.equals(startOn);
    }
}
