package org.metalvirt.shim.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The line {@link StderrLogging#PATTERN} (or, without the time, {@link StderrLogging#JOURNAL_PATTERN})
 * describes, written directly: Logback's pattern layout parses the pattern with some 150 classes of
 * converters and their parser, which an idle daemon kept loaded (≈0.4 MB) to write these five fields.
 */
final class LineLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final DateTimeFormatter time;

    /** {@code withTime}: lines start with the local time, as {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}}. */
    LineLayout(boolean withTime) {
        this.time = withTime ? TIME.withZone(ZoneId.systemDefault()) : null;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        if (time != null) {
            time.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
            line.append(' ');
        }
        String level = event.getLevel().toString();
        line.append(level).append(" ".repeat(Math.max(0, 5 - level.length())));
        line.append(" [").append(event.getThreadName()).append("] ");
        String logger = event.getLoggerName();
        line.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(": ");
        line.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown));
        }
        return line.toString();
    }
}
