package org.metalvirt.baremetal.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a simulated server takes to do what a real one does.
 *
 * @param powerOn    from the power-button press to PWR_OK high (PSU and board bring-up)
 * @param osShutdown from the ACPI power-button event to PWR_OK low (the OS shutting down)
 * @param osHangs    whether the OS ignores the ACPI event, as a hung or misconfigured OS does
 * @param hardOff    how long the button must be held before the board forces power off
 * @param reset      from the reset pulse until the OS runs again; PWR_OK stays high throughout
 */
public record SimTimings(Duration powerOn, Duration osShutdown, boolean osHangs, Duration hardOff, Duration reset) {

    /** A server that feels real in the demo: 1 s to power on, 2 s to shut down. */
    public static final SimTimings DEFAULTS =
            new SimTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), false, Duration.ZERO, Duration.ZERO);

    private static final SimTimings FAST =
            new SimTimings(Duration.ofMillis(20), Duration.ofMillis(50), false, Duration.ZERO, Duration.ZERO);

    public SimTimings {
        powerOn = nonNegative("powerOn", powerOn);
        osShutdown = nonNegative("osShutdown", osShutdown);
        hardOff = nonNegative("hardOff", hardOff);
        reset = nonNegative("reset", reset);
    }

    /** Short delays for tests: power-on and shutdown still take a while, so they are still asynchronous. */
    public static SimTimings fast() {
        return FAST;
    }

    private static Duration nonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }
}
