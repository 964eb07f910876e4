package org.metalvirt.shim.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_VERSION;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_STATE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_MIGRATE_PERFORM;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_INFO;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.protocol.RemoteProcedures;

/** Areas bound later are bound once, in order: when the daemon binds what is pending, or at the first call that needs one. */
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
    void theFirstCallOfAnAreasProcedureBindsTheAreasBeforeItOnceEach() {
        assertTrue(table.lookup(NODE_GET_INFO.number()).served());
        assertEquals(List.of("node"), bound);

        assertTrue(table.lookup(DOMAIN_GET_STATE.number()).served());
        assertTrue(table.lookup(NODE_GET_INFO.number()).served());
        assertEquals(List.of("node", "domain"), bound);
    }

    @Test
    void aCallNobodyServesBindsEveryAreaAndIsStillNotServedOrUnknown() {
        assertFalse(table.lookup(DOMAIN_MIGRATE_PERFORM.number()).served());
        assertNull(table.lookup(9999));
        assertEquals(List.of("node", "domain"), bound);
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
