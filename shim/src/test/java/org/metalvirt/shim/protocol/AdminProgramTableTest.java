package org.metalvirt.shim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.VirtException;

/**
 * The admin table declares libvirt 9.0's admin program exactly ({@code admin_protocol.x}'s 19
 * procedures, under their numbers), names each public API as {@code libvirt-admin.h} does, and
 * answers the one not served from the admin error domain.
 */
class AdminProgramTableTest {

    private static final Map<Integer, String> LIBVIRT = new LinkedHashMap<>();

    static {
        String[] names = {
            "CONNECT_OPEN",
            "CONNECT_CLOSE",
            "CONNECT_GET_LIB_VERSION",
            "CONNECT_LIST_SERVERS",
            "CONNECT_LOOKUP_SERVER",
            "SERVER_GET_THREADPOOL_PARAMETERS",
            "SERVER_SET_THREADPOOL_PARAMETERS",
            "SERVER_LIST_CLIENTS",
            "SERVER_LOOKUP_CLIENT",
            "CLIENT_GET_INFO",
            "CLIENT_CLOSE",
            "SERVER_GET_CLIENT_LIMITS",
            "SERVER_SET_CLIENT_LIMITS",
            "CONNECT_GET_LOGGING_OUTPUTS",
            "CONNECT_GET_LOGGING_FILTERS",
            "CONNECT_SET_LOGGING_OUTPUTS",
            "CONNECT_SET_LOGGING_FILTERS",
            "SERVER_UPDATE_TLS_FILES",
            "CONNECT_SET_DAEMON_TIMEOUT"
        };
        for (int i = 0; i < names.length; i++) {
            LIBVIRT.put(i + 1, names[i]);
        }
    }

    @Test
    void everyProcedureIsDeclaredUnderItsNumberAndNothingElse() {
        Map<Integer, String> declared = new LinkedHashMap<>();
        AdminProcedures.TABLE.all().forEach(procedure -> declared.put(procedure.number(), procedure.name()));
        assertEquals(LIBVIRT, declared);
    }

    @Test
    void apisAreNamedAsLibvirtAdminNamesThem() {
        assertEquals("virAdmServerGetThreadPoolParameters", AdminProcedures.SERVER_GET_THREADPOOL_PARAMETERS.api());
        assertEquals("virAdmConnectGetLoggingOutputs", AdminProcedures.CONNECT_GET_LOGGING_OUTPUTS.api());
        assertEquals("virAdmClientGetInfo", AdminProcedures.CLIENT_GET_INFO.api());
    }

    @Test
    void theCallNotServedIsNotSupportedFromTheAdminDomain() {
        VirtException e = AdminProcedures.SERVER_UPDATE_TLS_FILES.notServed();
        assertEquals(3, e.number().code());
        assertEquals(62, e.domain().code());
        assertEquals(
                "this function is not supported by the connection driver: virAdmServerUpdateTlsFiles", e.getMessage());
    }

    @Test
    void everyCallTakesFlagsZeroOnlyAsLibvirtsAdminServerChecks() {
        VirtException e = assertThrows(
                VirtException.class, () -> AdminProcedures.CONNECT_OPEN.checkFlags(new Admin.ConnectOpenArgs(1)));
        assertEquals(8, e.number().code());
        assertEquals(62, e.domain().code());
        assertEquals("invalid argument: unsupported flags (0x1) in function virAdmConnectOpen", e.getMessage());
    }
}
