package org.metalvirt.shim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.testing.TestHosts;

/** The table says what libvirt's {@code remote_protocol.x} says, and the daemon serves what it declares. */
class ProcedureTableTest {

    private static final List<Procedure<?, ?>> DECLARED = List.copyOf(RemoteProcedures.TABLE.all());

    @Test
    void everyConstantIsAProcedureWithANumberOfItsOwnWithinLibvirt9sRange() {
        long constants = Arrays.stream(RemoteProcedures.class.getFields())
                .filter(field -> field.getType() == Procedure.class)
                .count();

        assertEquals(constants, DECLARED.size(), "two constants share a number");
        assertTrue(DECLARED.stream().allMatch(p -> p.number() >= 1 && p.number() <= 443), DECLARED.toString());
    }

    @Test
    void eachProcedureIsNamedAfterItsConstant() throws Exception {
        for (Field field : RemoteProcedures.class.getFields()) {
            if (field.getType() == Procedure.class) {
                assertEquals(field.getName(), ((Procedure<?, ?>) field.get(null)).name());
            }
        }
    }

    /**
     * libvirt names a procedure's structs after it: {@code REMOTE_PROC_DOMAIN_GET_STATE} carries
     * {@code remote_domain_get_state_args} and {@code _ret}, an event its {@code _msg}. Ours are
     * the group and the record's name: {@code Domain.GetStateArgs}. The {@code Event} group stands
     * for {@code domain_event_} and {@code connect_domain_event_}.
     */
    @Test
    void argsAndRetRecordsAreNamedAfterTheirProcedure() {
        for (Procedure<?, ?> procedure : DECLARED) {
            assertNamedAfter(procedure, procedure.args(), procedure.event() ? "_MSG" : "_ARGS");
            assertNamedAfter(procedure, procedure.ret(), "_RET");
        }
    }

    private static void assertNamedAfter(Procedure<?, ?> procedure, Class<?> record, String suffix) {
        if (record == Void.class) {
            return;
        }
        String struct = snake(record.getEnclosingClass().getSimpleName()) + "_" + snake(record.getSimpleName());
        String expected = procedure.name() + suffix;
        boolean event = record.getEnclosingClass() == Event.class;
        assertTrue(
                expected.equals(struct)
                        || event
                                && Set.of("DOMAIN_" + struct, "CONNECT_DOMAIN_" + struct)
                                        .contains(expected),
                procedure + " carries " + record.getName());
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
    }

    /**
     * A procedure's records are read at its first use, not with the table: each declaration of
     * the three tables is read here, as a daemon asked every call would.
     */
    @Test
    void everyDeclarationOfEveryTableReadsItsRecords() {
        for (ProcedureTable table : List.of(RemoteProcedures.TABLE, AdminProcedures.TABLE, MetalvirtProcedures.TABLE)) {
            for (Procedure<?, ?> procedure : table.all()) {
                assertTrue(procedure.args() != null && procedure.ret() != null, procedure.toString());
            }
        }
    }

    @Test
    void acceptingFlagsWithoutAFlagsComponentIsADeclarationErrorAtFirstUse() {
        Procedure<Void, Void> procedure = Procedure.ro(1, Priority.HIGH, FlagMask.of(LibvirtFlags.Xml.INACTIVE));
        procedure.declare("NO_FLAGS", Procedure.ApiNames.REMOTE, () -> new Class<?>[] {Void.class, Void.class});

        assertEquals("NO_FLAGS(1)", procedure.toString());
        IllegalStateException refused = assertThrows(IllegalStateException.class, procedure::args);
        assertTrue(refused.getMessage().startsWith("NO_FLAGS: Void has no flags to accept"), refused.getMessage());
    }

    @Test
    void everyCallDeclaredWithArgumentsIsServedAndNoEventIs() {
        DriverTable table = TestHosts.table();

        for (Procedure<?, ?> procedure : DECLARED) {
            if (procedure.event() || procedure.args() != Void.class) {
                assertEquals(!procedure.event(), table.serves(procedure.number()), procedure.toString());
            }
        }
    }

    @Test
    void anEventCannotBeBoundAsACall() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new DriverTable(RemoteProcedures.TABLE)
                        .bind(RemoteProcedures.DOMAIN_EVENT_LIFECYCLE, (session, msg) -> null));
    }

    @Test
    void onlyAuthenticationOpenCloseAndFeatureProbesComeBeforeOpen() {
        for (Procedure<?, ?> procedure : DECLARED) {
            boolean expected = switch (procedure.name()) {
                case "AUTH_LIST", "AUTH_SASL_INIT", "AUTH_SASL_START", "AUTH_SASL_STEP", "AUTH_POLKIT" -> true;
                case "CONNECT_OPEN", "CONNECT_CLOSE", "CONNECT_SUPPORTS_FEATURE" -> true;
                default -> false;
            };
            assertEquals(expected, procedure.has(Check.BEFORE_OPEN), procedure.name());
        }
    }

    @Test
    void capabilitiesIsLowPriorityAsLibvirtDeclaresIt() {
        assertEquals(Priority.LOW, RemoteProcedures.CONNECT_GET_CAPABILITIES.priority());
        assertEquals(Priority.HIGH, RemoteProcedures.CONNECT_LIST_ALL_DOMAINS.priority());
    }

    @Test
    void aFlagOutsideTheDeclarationIsRefusedAsLibvirtsVirCheckFlagsRefusesIt() {
        Procedure<Domain.GetXmlDescArgs, ?> getXml = RemoteProcedures.DOMAIN_GET_XML_DESC;
        Domain.GetXmlDescArgs inactiveAndUnknown =
                new Domain.GetXmlDescArgs(null, LibvirtFlags.Xml.INACTIVE.code() | 0x40);

        VirtException refused = assertThrows(VirtException.class, () -> getXml.checkFlags(inactiveAndUnknown));
        assertEquals(8, refused.number().code());
        assertEquals(20, refused.domain().code());
        assertEquals(
                "invalid argument: unsupported flags (0x40) in function virDomainGetXMLDesc", refused.getMessage());
        getXml.checkFlags(new Domain.GetXmlDescArgs(null, LibvirtFlags.Xml.INACTIVE.code()));
    }

    @Test
    void aProcedureWithoutDeclaredFlagsAcceptsNone() {
        assertThrows(
                VirtException.class,
                () -> RemoteProcedures.DOMAIN_GET_STATE.checkFlags(new Domain.GetStateArgs(null, 1)));
    }

    @Test
    void eachProcedureNamesThePublicApiItServesAsLibvirtSpellsIt() {
        assertEquals("virDomainGetXMLDesc", RemoteProcedures.DOMAIN_GET_XML_DESC.api());
        assertEquals("virDomainLookupByUUID", RemoteProcedures.DOMAIN_LOOKUP_BY_UUID.api());
        assertEquals("virConnectGetURI", RemoteProcedures.CONNECT_GET_URI.api());
        assertEquals("virConnectListAllDomains", RemoteProcedures.CONNECT_LIST_ALL_DOMAINS.api());
        assertEquals("virNodeGetCellsFreeMemory", RemoteProcedures.NODE_GET_CELLS_FREE_MEMORY.api());
    }
}
