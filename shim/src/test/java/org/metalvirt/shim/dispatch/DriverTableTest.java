package org.metalvirt.shim.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_VERSION;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_STATE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_MIGRATE_PERFORM;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_INFO;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.testing.Await;

/**
 * Areas bound later are bound once, in order: when the daemon binds what is pending, or for the
 * first call that needs one, off the I/O thread that looked it up.
 */
class DriverTableTest {

    private final List<String> bound = new ArrayList<>();
    private final DriverTable table = new DriverTable(RemoteProcedures.TABLE)
            .bind(CONNECT_GET_VERSION, (session, none) -> null)
            .bindLater(later -> {
                bound.add("node");
                later.bind(NODE_GET_INFO, (session, none) -> null);
            })
            .bindLater(later -> {
                bound.add("domain");
                later.bind(DOMAIN_GET_STATE, (session, args) -> null);
            });

    @Test
    void aProcedureBoundNowBindsNoAreaLater() {
        assertTrue(table.lookup(CONNECT_GET_VERSION.number()).served());
        assertEquals(List.of(), bound);
    }

    @Test
    void aProcedureOfAnAreaNotBoundYetIsNotYetUntilBoundForItsFirstCall() {
        assertSame(DriverTable.NOT_YET, table.lookup(NODE_GET_INFO.number()));
        assertEquals(List.of(), bound);

        table.bindFor(NODE_GET_INFO.number());
        assertEquals(List.of("node"), bound);
        assertSame(DriverTable.NOT_YET, table.lookup(DOMAIN_GET_STATE.number()), "areas after it are not bound");
        assertTrue(table.lookup(NODE_GET_INFO.number()).served());

        table.bindFor(DOMAIN_GET_STATE.number());
        table.bindFor(NODE_GET_INFO.number());
        assertTrue(table.lookup(DOMAIN_GET_STATE.number()).served());
        assertEquals(List.of("node", "domain"), bound, "each area bound once, in order");
    }

    @Test
    void aCallNobodyServesBindsEveryAreaAndIsThenNotServedOrUnknown() {
        assertSame(DriverTable.NOT_YET, table.lookup(DOMAIN_MIGRATE_PERFORM.number()));
        assertSame(DriverTable.NOT_YET, table.lookup(9999));

        table.bindFor(DOMAIN_MIGRATE_PERFORM.number());
        assertFalse(table.lookup(DOMAIN_MIGRATE_PERFORM.number()).served());
        assertNull(table.lookup(9999));
        assertEquals(List.of("node", "domain"), bound);
    }

    @Test
    void aLookupNeverWaitsForAnAreaBeingBound() throws Exception {
        CountDownLatch binding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DriverTable slow = new DriverTable(RemoteProcedures.TABLE).bindLater(later -> {
            binding.countDown();
            Await.released(release);
            later.bind(NODE_GET_INFO, (session, none) -> null);
        });
        Thread warmUp = new Thread(slow::bindPending);
        warmUp.start();
        try {
            binding.await();
            // The warm-up thread holds the table's lock while it binds: a lookup still answers.
            assertTimeoutPreemptively(
                    Duration.ofSeconds(30), () -> assertSame(DriverTable.NOT_YET, slow.lookup(NODE_GET_INFO.number())));
        } finally {
            release.countDown();
            warmUp.join();
        }
        assertTrue(slow.lookup(NODE_GET_INFO.number()).served());
    }

    @Test
    void pendingAreasAreBoundOnceAndCallsThenBindNothingMore() {
        table.bindPending();
        assertEquals(List.of("node", "domain"), bound);

        assertTrue(table.lookup(DOMAIN_GET_STATE.number()).served());
        assertFalse(table.lookup(DOMAIN_MIGRATE_PERFORM.number()).served());
        table.bindPending();
        assertEquals(List.of("node", "domain"), bound);
    }

    @Test
    void whatIsServedIsAskedOfEveryArea() {
        assertTrue(table.serves(DOMAIN_GET_STATE.number()));
        assertFalse(table.serves(DOMAIN_MIGRATE_PERFORM.number()));
        assertEquals(List.of("node", "domain"), bound);
    }
}
