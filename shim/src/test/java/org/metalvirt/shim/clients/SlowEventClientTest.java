package org.metalvirt.shim.clients;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.RawClient;
import org.metalvirt.shim.testing.RunningDaemon;

/** A client that stops reading its events is disconnected once its queue is full; the others are not. */
class SlowEventClientTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> config.limits.maxQueuedEvents = 200);

    @Test
    void aClientThatStopsReadingIsDisconnectedAndTheOthersGetEverything() throws Exception {
        // The reading client gets room to spare, so only the stalled one can fall behind.
        RawClient listener = EventBurstTest.register(RawClient.open(DAEMON.tcpPort(), 8 << 20));
        try (RawClient stalled = EventBurstTest.register(RawClient.open(DAEMON.tcpPort(), 2048))) {
            int registered = DAEMON.daemon().events().registrations();
            // Big events: more than the stalled client's socket buffers can hold, so they queue.
            EventBurstTest.burstAndAssertEveryListenerGotIt(DAEMON, List.of(listener), "y".repeat(16000));
            EventBurstTest.awaitRegistrations(DAEMON, registered - 1);
        } finally {
            listener.close();
        }
    }
}
