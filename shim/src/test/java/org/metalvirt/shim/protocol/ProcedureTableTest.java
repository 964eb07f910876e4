package org.metalvirt.shim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The declarations agree with libvirt's annotations for what they say. */
class ProcedureTableTest {

    @Test
    void eachConstantIsNamedAfterItsProcedure() throws Exception {
        for (Field field : RemoteProcedures.class.getFields()) {
            Procedure<?, ?> procedure = (Procedure<?, ?>) field.get(null);
            assertEquals(field.getName(), procedure.name());
        }
    }

    @Test
    void numbersAreUniqueAndWithinLibvirtsRange() {
        Map<Integer, Procedure<?, ?>> declared = GoldenPacketTest.declared();

        assertEquals(RemoteProcedures.class.getFields().length, declared.size());
        assertTrue(declared.keySet().stream().allMatch(n -> n >= 1 && n <= 443));
    }

    @Test
    void onlyAuthenticationOpenCloseAndFeatureProbesComeBeforeOpen() {
        for (Procedure<?, ?> procedure : GoldenPacketTest.declared().values()) {
            boolean expected = switch (procedure.name()) {
                case "AUTH_LIST", "CONNECT_OPEN", "CONNECT_CLOSE", "CONNECT_SUPPORTS_FEATURE" -> true;
                default -> false;
            };
            assertEquals(expected, procedure.has(Flag.BEFORE_OPEN), procedure.name());
        }
    }

    @Test
    void capabilitiesIsLowPriorityAsLibvirtDeclaresIt() {
        assertEquals(Priority.LOW, RemoteProcedures.CONNECT_GET_CAPABILITIES.priority());
        assertEquals(Priority.HIGH, RemoteProcedures.CONNECT_LIST_ALL_DOMAINS.priority());
    }
}
