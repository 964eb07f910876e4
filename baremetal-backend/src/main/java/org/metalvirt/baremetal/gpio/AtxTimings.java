package org.metalvirt.baremetal.gpio;

import java.time.Duration;
import java.util.Objects;

/**
 * How the front-panel signals are driven and how long confirmation may take.
 *
 * @param powerPulse     a button press: boards need at least 50 ms; OpenBMC uses 200 ms
 * @param resetPulse     a reset press: OpenBMC uses 500 ms
 * @param powerOkTimeout from the press to PWR_OK high; OpenBMC's watchdog is 8 s
 * @param hardOffHold    the longest the button is held to force power off; boards force it after 4 s, some 6 s
 * @param pressGuard     the quiet time after a press: boards ignore the button for 2 s afterwards
 */
public record AtxTimings(
        Duration powerPulse, Duration resetPulse, Duration powerOkTimeout, Duration hardOffHold, Duration pressGuard) {

    public static final AtxTimings DEFAULTS = new AtxTimings(
            Duration.ofMillis(200),
            Duration.ofMillis(500),
            Duration.ofSeconds(8),
            Duration.ofSeconds(8),
            Duration.ofSeconds(2));

    public AtxTimings {
        positive("powerPulse", powerPulse);
        positive("resetPulse", resetPulse);
        positive("powerOkTimeout", powerOkTimeout);
        positive("hardOffHold", hardOffHold);
        Objects.requireNonNull(pressGuard, "pressGuard");
        if (pressGuard.isNegative()) {
            throw new IllegalArgumentException("pressGuard must not be negative: " + pressGuard);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
