package org.metalvirt.shim.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The seam the admin protocol changes levels through: a level holds below its logger until removed. */
class LogLevelsTest {

    private static final String DISPATCH = "org.metalvirt.shim.dispatch.Dispatcher";

    @AfterEach
    void removeWhatWasSet() {
        LogLevels.set("org.metalvirt.shim.dispatch", null);
    }

    @Test
    void aLevelSetOnAPackageHoldsForItsLoggersUntilRemoved() {
        String before = LogLevels.effective(DISPATCH);
        LogLevels.set("org.metalvirt.shim.dispatch", "debug");

        assertEquals("DEBUG", LogLevels.effective(DISPATCH));
        assertTrue(LoggerFactory.getLogger(DISPATCH).isDebugEnabled());
        assertEquals("DEBUG", LogLevels.configured().get("org.metalvirt.shim.dispatch"));
        assertTrue(LogLevels.configured().containsKey(""), "the root has a level of its own");

        LogLevels.set("org.metalvirt.shim.dispatch", null);
        assertEquals(before, LogLevels.effective(DISPATCH));
        assertFalse(LogLevels.configured().containsKey("org.metalvirt.shim.dispatch"));
    }

    @Test
    void anUnknownLevelIsRefusedAndChangesNothing() {
        String before = LogLevels.effective(DISPATCH);
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> LogLevels.set("org.metalvirt.shim.dispatch", "loud"));
        assertTrue(refused.getMessage().startsWith("log level 'loud' is not one of"), refused.getMessage());
        assertEquals(before, LogLevels.effective(DISPATCH));
    }
}
