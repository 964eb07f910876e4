package org.metalvirt.shim.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.log.LogLevels;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Logback configuration seen and changed as libvirt's logging settings: an output
 * is {@code PRIORITY:stderr} or {@code PRIORITY:file:PATH} (the root logger's appenders), a filter
 * {@code PRIORITY:NAME} (a logger with a level of its own; libvirt matches source files, metalvirt
 * logger names, which are its packages and classes). libvirt's priorities 1 to 4 are Logback's
 * DEBUG (and TRACE), INFO, WARN and ERROR. Setting either replaces all of its kind, as in libvirt.
 */
public final class LogSettings {

    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0}: %msg%n";

    /** What {@code virAdmConnectGetLoggingOutputs} / {@code Filters} return: the text and its count. */
    public record Listing(String text, int count) {}

    private final LoggerContext context;
    /** The outputs whose own priority is above the root logger's, and that priority. */
    private final Map<Appender<ILoggingEvent>, Level> thresholds = new IdentityHashMap<>();

    public LogSettings() {
        this.context = (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    public synchronized Listing outputs() {
        List<String> outputs = new ArrayList<>();
        for (Appender<ILoggingEvent> appender : appenders()) {
            int priority = priority(threshold(appender).orElse(root().getLevel()));
            if (appender instanceof FileAppender<ILoggingEvent> file) {
                outputs.add(priority + ":file:" + file.getFile());
            } else if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                outputs.add(priority + ":" + ("System.out".equals(console.getTarget()) ? "stdout" : "stderr"));
            } else {
                outputs.add(priority + ":" + appender.getName());
            }
        }
        return new Listing(String.join(" ", outputs), outputs.size());
    }

    public synchronized Listing filters() {
        List<String> filters = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            if (logger != root() && logger.getLevel() != null) {
                filters.add(priority(logger.getLevel()) + ":" + logger.getName());
            }
        }
        return new Listing(String.join(" ", filters), filters.size());
    }

    /** Replaces every filter with those given (none when empty or absent). */
    public synchronized void setFilters(Optional<String> spec) {
        List<String[]> parsed = new ArrayList<>();
        for (String filter : words(spec)) {
            String[] tokens = filter.split(":", -1);
            if (tokens.length < 2) {
                throw invalid("Malformed format for filter '" + filter + "'");
            }
            Level level = level(tokens[0], "Invalid priority '" + tokens[0] + "' for filter '" + filter + "'");
            String match = tokens[1].startsWith("+") ? tokens[1].substring(1) : tokens[1];
            if (match.isEmpty()) {
                throw invalid("Invalid match string '" + tokens[1] + "'");
            }
            parsed.add(new String[] {level.levelStr, match});
        }
        for (Logger logger : context.getLoggerList()) {
            if (logger != root()) {
                logger.setLevel(null);
            }
        }
        for (String[] filter : parsed) {
            context.getLogger(filter[1]).setLevel(Level.toLevel(filter[0]));
        }
    }

    /**
     * Replaces the outputs: {@code stderr} keeps the daemon's own console appender (its format
     * included), {@code file:PATH} appends to that file. syslog and journald are not available.
     */
    public synchronized void setOutputs(Optional<String> spec) {
        List<String> outputs = words(spec);
        if (outputs.isEmpty()) {
            outputs = List.of(priority(Level.INFO) + ":stderr");
        }
        List<Appender<ILoggingEvent>> next = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
        for (String output : outputs) {
            String[] tokens = output.split(":", 3);
            if (tokens.length < 2) {
                throw invalid("Malformed format for log output '" + output + "'");
            }
            Level level = level(tokens[0], "Invalid log priority '" + tokens[0] + "' for log output '" + output + "'");
            Appender<ILoggingEvent> appender = switch (tokens[1]) {
                case "stderr" -> {
                    if (tokens.length != 2) {
                        throw formatError(output, tokens[1]);
                    }
                    yield console();
                }
                case "file" -> {
                    if (tokens.length != 3 || tokens[2].isEmpty()) {
                        throw formatError(output, tokens[1]);
                    }
                    yield file(tokens[2]);
                }
                case "syslog", "journald" ->
                    throw new VirtException(
                            ErrorNumber.CONFIG_UNSUPPORTED,
                            ErrorDomain.NONE,
                            "unsupported configuration: log destination '" + tokens[1]
                                    + "' is not available in metalvirtd");
                default -> throw invalid("Invalid log destination '" + tokens[1] + "' for log output '" + output + "'");
            };
            next.add(appender);
            levels.add(level);
        }
        Level lowest = levels.stream().min((a, b) -> a.levelInt - b.levelInt).orElseThrow();
        Logger root = root();
        for (Appender<ILoggingEvent> old : appenders()) {
            root.detachAppender(old);
            if (!next.contains(old)) {
                old.stop();
            }
        }
        thresholds.clear();
        for (int i = 0; i < next.size(); i++) {
            Appender<ILoggingEvent> appender = next.get(i);
            appender.clearAllFilters();
            if (!levels.get(i).equals(lowest)) {
                thresholds.put(appender, levels.get(i));
                ThresholdFilter threshold = new ThresholdFilter();
                threshold.setLevel(levels.get(i).levelStr);
                threshold.start();
                appender.addFilter(threshold);
            }
            root.addAppender(appender);
        }
        root.setLevel(lowest);
    }

    /** The level of the root logger, or of one logger; every output shows what the root lets through. */
    public synchronized void setLevel(Optional<String> logger, String name) {
        String target = logger.orElse("");
        try {
            LogLevels.set(target, name);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (target.isEmpty()) {
            appenders().forEach(Appender::clearAllFilters);
            thresholds.clear();
        }
    }

    private Appender<ILoggingEvent> console() {
        for (Appender<ILoggingEvent> appender : appenders()) {
            if (appender instanceof ConsoleAppender<ILoggingEvent> console
                    && !"System.out".equals(console.getTarget())) {
                return appender;
            }
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName("STDERR");
        console.setTarget("System.err");
        console.setEncoder(encoder());
        console.setContext(context);
        console.start();
        return console;
    }

    private Appender<ILoggingEvent> file(String path) {
        for (Appender<ILoggingEvent> appender : appenders()) {
            if (appender instanceof FileAppender<ILoggingEvent> file && path.equals(file.getFile())) {
                return appender;
            }
        }
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setName("FILE:" + path);
        file.setFile(path);
        file.setEncoder(encoder());
        file.setContext(context);
        file.start();
        if (!file.isStarted()) {
            throw new VirtException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.NONE, "cannot open log file '" + path + "'");
        }
        return file;
    }

    private PatternLayoutEncoder encoder() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(PATTERN);
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    private List<Appender<ILoggingEvent>> appenders() {
        List<Appender<ILoggingEvent>> all = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root().iteratorForAppenders(); it.hasNext(); ) {
            all.add(it.next());
        }
        return all;
    }

    private Optional<Level> threshold(Appender<ILoggingEvent> appender) {
        return Optional.ofNullable(thresholds.get(appender));
    }

    /** libvirt's priority: 1 debug, 2 info, 3 warning, 4 error. */
    static int priority(Level level) {
        if (level.levelInt <= Level.DEBUG_INT) {
            return 1;
        }
        if (level.levelInt <= Level.INFO_INT) {
            return 2;
        }
        return level.levelInt <= Level.WARN_INT ? 3 : 4;
    }

    private static Level level(String priority, String error) {
        return switch (priority) {
            case "1" -> Level.DEBUG;
            case "2" -> Level.INFO;
            case "3" -> Level.WARN;
            case "4" -> Level.ERROR;
            default -> throw invalid(error);
        };
    }

    private static List<String> words(Optional<String> spec) {
        String text = spec.orElse("").strip();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }

    private static VirtException formatError(String output, String destination) {
        return invalid("Log output '" + output + "' does not meet the format requirements for destination type '"
                + destination + "'");
    }

    private static VirtException invalid(String message) {
        return new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.NONE, "invalid argument: " + message);
    }
}
