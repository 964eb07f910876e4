package org.metalvirt.shim.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A flood of hostile clients writes a few WARN lines and then one that counts the rest. */
class ClientWarningsTest {

    @Test
    void pastTheBurstWarningsAreHeldBackAndCountedInTheNextWindow() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.ClientWarnings");
        logger.setLevel(Level.DEBUG);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        AtomicLong clock = new AtomicLong();
        ClientWarnings warnings = new ClientWarnings(3, 1000, clock::get);

        for (int i = 0; i < 1000; i++) {
            warnings.warn(logger, "closing client {}", i);
        }
        clock.addAndGet(1000);
        warnings.warn(logger, "closing client {}", "late");

        List<String> warned = appender.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertEquals(
                List.of(
                        "closing client 0",
                        "closing client 1",
                        "closing client 2",
                        "997 more warnings about clients were held back (at most 3 are logged per window)",
                        "closing client late"),
                warned);
        logger.detachAppender(appender);
    }
}
