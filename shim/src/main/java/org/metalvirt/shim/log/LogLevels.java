package org.metalvirt.shim.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The seam for changing log levels while the daemon runs (the admin protocol's log filters, the
 * YAML's {@code log.level} at start): levels by logger name, where {@code ""} is the root. Names
 * are the code's (packages such as {@code org.metalvirt.shim.dispatch}); a level set on a name
 * holds for everything below it that has none of its own.
 */
public final class LogLevels {

    /** The levels, in Logback's and SLF4J's names. */
    public static final Set<String> NAMES = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private LogLevels() {}

    /** Sets {@code logger}'s level; a null level removes its own, so it inherits its parent's again. */
    public static void set(String logger, String level) {
        Level parsed = null;
        if (level != null) {
            String upper = level.toUpperCase(Locale.ROOT);
            if (!NAMES.contains(upper)) {
                throw new IllegalArgumentException("log level '" + level + "' is not one of " + NAMES);
            }
            parsed = Level.toLevel(upper);
        }
        logger(logger).setLevel(parsed);
    }

    /** The level in force for {@code logger}: its own, else the nearest ancestor's. */
    public static String effective(String logger) {
        return logger(logger).getEffectiveLevel().toString();
    }

    /** Every logger that has a level of its own, root first, as name to level. */
    public static Map<String, String> configured() {
        Map<String, String> levels = new LinkedHashMap<>();
        for (Logger logger : context().getLoggerList()) {
            if (logger.getLevel() != null) {
                String name = logger.getName();
                levels.put(
                        org.slf4j.Logger.ROOT_LOGGER_NAME.equals(name) ? "" : name,
                        logger.getLevel().toString());
            }
        }
        return levels;
    }

    private static Logger logger(String name) {
        return context().getLogger(name == null || name.isEmpty() ? org.slf4j.Logger.ROOT_LOGGER_NAME : name);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
