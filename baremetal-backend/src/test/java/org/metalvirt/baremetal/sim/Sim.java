package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.function.Executable;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/** Timings and assertions the sim tests share. */
final class Sim {

    /** A delay no test outlives: what it starts is still under way when the test looks. */
    static final Duration NEVER = Duration.ofHours(1);

    static final SimTimings FAST = SimTimings.fast();

    /** Backend options giving {@link #FAST} timings. */
    static final java.util.Map<String, String> FAST_OPTIONS =
            java.util.Map.of("powerOnMillis", "20", "osShutdownMillis", "50");

    static final SimTimings HUNG_OS =
            new SimTimings(FAST.powerOn(), FAST.osShutdown(), true, FAST.hardOff(), FAST.reset());

    /** Power-on that stays under way. */
    static final SimTimings SLOW_POWER_ON =
            new SimTimings(NEVER, FAST.osShutdown(), false, FAST.hardOff(), FAST.reset());

    /** An OS shutdown that stays under way. */
    static final SimTimings SLOW_OS_SHUTDOWN =
            new SimTimings(FAST.powerOn(), NEVER, false, FAST.hardOff(), FAST.reset());

    private Sim() {}

    static VirtException assertVirtError(ErrorNumber expected, Executable call) {
        VirtException e = assertThrows(VirtException.class, call);
        assertEquals(expected, e.number(), e::toString);
        return e;
    }
}
