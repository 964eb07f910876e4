package org.metalvirt.baremetal.sim;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code sim} backend's options from a node's configuration, all optional strings. Any
 * timing left out is {@link SimTimings#DEFAULTS}'.
 *
 * @param confirmTimeout empty for {@link SimPowerControl}'s default
 * @param startOn        whether the server is already running when the daemon starts
 */
record SimOptions(SimTimings timings, Optional<Duration> confirmTimeout, int maxDisks, int maxVfs,
                  boolean startOn) {

    static final List<String> KNOWN = List.of("powerOnMillis", "osShutdownMillis", "osHangs", "hardOffMillis",
            "resetMillis", "confirmTimeoutMillis", "maxDisks", "maxVfs", "startOn");

    /** Throws {@code IllegalArgumentException} naming the first bad option. */
    static SimOptions parse(Map<String, String> options) {
        for (String name : new TreeSet<>(options.keySet())) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown sim option '" + name + "' (known: " + String.join(", ", KNOWN) + ")");
            }
        }
        SimTimings defaults = SimTimings.DEFAULTS;
        SimTimings timings = new SimTimings(
                millis(options, "powerOnMillis", defaults.powerOn()),
                millis(options, "osShutdownMillis", defaults.osShutdown()),
                bool(options, "osHangs", defaults.osHangs()),
                millis(options, "hardOffMillis", defaults.hardOff()),
                millis(options, "resetMillis", defaults.reset()));
        Optional<Duration> confirmTimeout = Optional.ofNullable(options.get("confirmTimeoutMillis"))
                .map(value -> Duration.ofMillis(number("confirmTimeoutMillis", value, 1, Long.MAX_VALUE)));
        return new SimOptions(timings, confirmTimeout,
                count(options, "maxDisks", SimBlockStorage.DEFAULT_MAX),
                count(options, "maxVfs", SimNetworkAttachment.DEFAULT_MAX),
                bool(options, "startOn", false));
    }

    private static Duration millis(Map<String, String> options, String name, Duration otherwise) {
        String value = options.get(name);
        return value == null ? otherwise : Duration.ofMillis(number(name, value, 0, Long.MAX_VALUE));
    }

    private static int count(Map<String, String> options, String name, int otherwise) {
        String value = options.get(name);
        return value == null ? otherwise : (int) number(name, value, 0, PciSlots.MAX);
    }

    private static long number(String name, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw bad(name, "not a number: " + value);
        }
        if (parsed < min || parsed > max) {
            throw bad(name, max == Long.MAX_VALUE
                    ? "must be at least " + min + ": " + value
                    : "must be between " + min + " and " + max + ": " + value);
        }
        return parsed;
    }

    private static boolean bool(Map<String, String> options, String name, boolean otherwise) {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(name, "not true or false: " + value);
        };
    }

    private static IllegalArgumentException bad(String name, String problem) {
        return new IllegalArgumentException("sim option '" + name + "': " + problem);
    }
}
