package org.metalvirt.shim.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The built-in logging: one line per event on stderr, as the logback.xml it replaces wrote them. */
class StderrLoggingTest {

    @Test
    void underTheJournalALineIsLevelThreadLoggerAndMessage() {
        LoggerContext context = new LoggerContext();

        StderrLogging.install(context, true, "DEBUG");

        assertEquals(
                "INFO  [" + Thread.currentThread().getName() + "] Daemon: metalvirtd listening on unix /run/sock"
                        + System.lineSeparator(),
                line(context, Level.INFO, "metalvirtd listening on unix {}", "/run/sock"));
        assertEquals(Level.DEBUG, context.getLogger("ROOT").getLevel());
        assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
        assertEquals("System.err", stderr(context).getTarget());
    }

    @Test
    void elsewhereALineStartsWithItsTime() {
        LoggerContext context = new LoggerContext();

        StderrLogging.install(context, false, "");

        assertTrue(
                line(context, Level.WARN, "slow {}", "client")
                        .matches(
                                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ WARN  \\[.+] Daemon: slow client\\R"),
                line(context, Level.WARN, "slow {}", "client"));
        assertEquals(Level.INFO, context.getLogger("ROOT").getLevel(), "no level given: INFO");
    }

    @Test
    void theLinesAreThoseLogbacksPatternLayoutWritesFailuresIncluded() {
        LoggerContext context = new LoggerContext();
        IllegalStateException failure = new IllegalStateException("outer", new java.io.IOException("inner: disk gone"));
        failure.addSuppressed(new IllegalArgumentException("suppressed"));
        for (boolean journal : new boolean[] {true, false}) {
            StderrLogging.install(context, journal, "INFO");
            PatternLayoutEncoder pattern = new PatternLayoutEncoder();
            pattern.setContext(context);
            pattern.setPattern(journal ? StderrLogging.JOURNAL_PATTERN : StderrLogging.PATTERN);
            pattern.start();
            for (Throwable thrown : new Throwable[] {null, failure}) {
                LoggingEvent event = new LoggingEvent(
                        StderrLoggingTest.class.getName(),
                        context.getLogger("org.metalvirt.shim.server.Daemon"),
                        Level.ERROR,
                        "cannot write {}",
                        thrown,
                        new Object[] {"d1"});
                event.setThreadName("metalvirt-worker-1");

                assertEquals(
                        new String(pattern.encode(event), StandardCharsets.UTF_8),
                        new String(stderr(context).getEncoder().encode(event), StandardCharsets.UTF_8));
            }
            context.reset();
        }
    }

    @Test
    void theTestsOwnLogbackTestXmlIsReadInstead() {
        StderrLogging configurator = new StderrLogging();
        LoggerContext context = new LoggerContext();
        configurator.setContext(context);

        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context));
        assertFalse(context.getLogger("ROOT").iteratorForAppenders().hasNext(), "nothing installed");
    }

    private static String line(LoggerContext context, Level level, String message, Object argument) {
        LoggingEvent event = new LoggingEvent(
                StderrLoggingTest.class.getName(),
                context.getLogger("org.metalvirt.shim.server.Daemon"),
                level,
                message,
                null,
                new Object[] {argument});
        return new String(stderr(context).getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        return (ConsoleAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender("STDERR");
    }
}
