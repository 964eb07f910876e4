package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Event.CallbackLifecycleMsg;
import org.metalvirt.shim.protocol.Event.CallbackRegisterAnyArgs;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.testing.RawClient;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/** A hundred clients get every event of a burst, in order; one that stops reading delays none of them. */
class EventBurstTest {

    private static final int LISTENERS = 100;
    private static final int DOMAINS = 500;

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Test
    void everyListenerGetsEveryEventInOrderDespiteAStalledOne() throws Exception {
        List<RawClient> listeners = new ArrayList<>();
        for (int i = 0; i < LISTENERS; i++) {
            listeners.add(register(RawClient.open(DAEMON.tcpPort(), 0)));
        }
        try (RawClient stalled = register(RawClient.open(DAEMON.tcpPort(), 2048))) {
            burstAndAssertEveryListenerGotIt(DAEMON, listeners, "");
        } finally {
            listeners.forEach(RawClient::close);
        }
    }

    /** Runs the burst while every listener reads, and checks each got every event, in order. */
    static void burstAndAssertEveryListenerGotIt(RunningDaemon daemon, List<RawClient> listeners, String padding)
            throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(listeners.size());
        try {
            List<Future<List<String>>> received = new ArrayList<>();
            for (RawClient listener : listeners) {
                received.add(readers.submit(() -> readEvents(listener, 2 * DOMAINS)));
            }
            List<String> expected = burst(daemon.daemon().domains(), padding);
            for (Future<List<String>> one : received) {
                assertEquals(expected, one.get(120, TimeUnit.SECONDS));
            }
        } finally {
            readers.shutdownNow();
        }
    }

    static RawClient register(RawClient client) {
        client.call(
                RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                new CallbackRegisterAnyArgs(0, Optional.empty()));
        return client;
    }

    /** Defines and undefines domains: a thousand lifecycle changes; returns them as "event name". */
    private static List<String> burst(DomainService domains, String padding) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < DOMAINS; i++) {
            String name = "burst-" + i + padding;
            DomainRecord record = domains.define("<domain type='kvm'><name>" + name + "</name><memory>1024</memory>"
                    + "<os><type>hvm</type></os></domain>");
            domains.undefine(record.uuid());
            events.add("0 " + name);
            events.add("1 " + name);
        }
        return events;
    }

    private static List<String> readEvents(RawClient client, int count) throws Exception {
        List<String> events = new ArrayList<>();
        while (events.size() < count) {
            Packet packet = client.read();
            if (packet.header().proc() == RemoteProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE.number()) {
                CallbackLifecycleMsg msg = Xdr.decode(CallbackLifecycleMsg.class, packet.payload());
                events.add(msg.msg().event() + " " + msg.msg().dom().name());
            }
        }
        return events;
    }

    /** Waits for the daemon to hold exactly {@code expected} event registrations. */
    static void awaitRegistrations(RunningDaemon daemon, int expected) {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertEquals(expected, daemon.daemon().events().registrations(), "registrations"));
    }
}
