package org.metalvirt.shim.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The daemon's built-in logging, set up in code: one line per event on stderr, {@code io.netty}
 * at WARN, the root at {@code METALVIRT_LOG_LEVEL} (INFO). Logback finds it as a service before
 * any XML: parsing a logback.xml with Joran loaded some 700 classes (an XML parser among them)
 * and took a tenth of a second of every start. A file named by {@code logback.configurationFile}
 * (the package's conffile) or a {@code logback-test.xml} (the tests') is still read as before.
 */
public final class StderrLogging extends ContextAwareBase implements Configurator {

    /** With a time; under systemd (its journal stamps each line itself), without. {@link LineLayout} writes them. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0}: %msg%n";

    static final String JOURNAL_PATTERN = "%-5level [%thread] %logger{0}: %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
                || StderrLogging.class.getClassLoader().getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        install(context, System.getenv("JOURNAL_STREAM") != null, rootLevel());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The appender on stderr, its lines with a time unless the journal stamps them, the root at {@code level}. */
    static void install(LoggerContext context, boolean journal, String level) {
        LineLayout layout = new LineLayout(!journal);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger("io.netty").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(stderr);
    }

    private static String rootLevel() {
        String level = System.getProperty("METALVIRT_LOG_LEVEL", System.getenv("METALVIRT_LOG_LEVEL"));
        return level == null || level.isEmpty() ? "INFO" : level;
    }
}
