package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.LibvirtProgram;
import org.metalvirt.shim.testing.LibvirtProgram.Kind;
import org.metalvirt.shim.testing.LibvirtProgram.Row;
import org.metalvirt.shim.testing.RawClient;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.TestHosts;

/**
 * Over a real socket, with raw packets: every call of libvirt 9.0 that metalvirt does not serve is
 * answered as libvirtd answers a call its driver lacks, and only numbers libvirt does not have (or
 * an event's) are unknown procedures. The connection stays usable throughout.
 */
class UnservedProceduresTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    private static final DriverTable SERVED = TestHosts.table();
    private static final byte[] NO_ARGS = new byte[0];

    @Test
    void eachCallNotServedIsNotSupportedByTheConnectionDriverNamingItsPublicApi() {
        List<Executable> checks = new ArrayList<>();
        try (RawClient client = RawClient.open(DAEMON.tcpPort(), 0)) {
            for (Row row : notServed(Kind.CALL)) {
                RemoteError error = client.callRaw(row.number(), NO_ARGS);
                checks.add(() -> assertAnswer(row, 3, row.errorDomain(), notSupported(row), error));
            }
            RemoteError afterwards = client.callRaw(4, NO_ARGS);
            checks.add(() -> assertEquals(null, afterwards, "CONNECT_GET_VERSION after them all"));
        }
        assertAll(checks);
    }

    @Test
    void onAReadOnlyConnectionWhatLibvirtRefusesReadOnlyIsForbiddenFirst() {
        List<Executable> checks = new ArrayList<>();
        try (RawClient client = RawClient.openReadOnly(DAEMON.tcpPort())) {
            for (Row row : notServed(Kind.CALL)) {
                RemoteError error = client.callRaw(row.number(), NO_ARGS);
                if (row.readOnlyDenied()) {
                    String denied = "operation forbidden: read only access prevents " + row.api();
                    checks.add(() -> assertAnswer(row, 29, row.errorDomain(), denied, error));
                } else {
                    checks.add(() -> assertAnswer(row, 3, row.errorDomain(), notSupported(row), error));
                }
            }
        }
        assertAll(checks);
    }

    @Test
    void authenticationMethodsOtherThanNoneFailAsLibvirtdFailsThemWhenNotConfigured() {
        List<Executable> checks = new ArrayList<>();
        try (RawClient client = RawClient.open(DAEMON.tcpPort(), 0)) {
            for (Row row : notServed(Kind.AUTH)) {
                RemoteError error = client.callRaw(row.number(), NO_ARGS);
                checks.add(() -> assertAnswer(row, 45, 7, "authentication failed: authentication failed", error));
            }
        }
        assertAll(checks);
    }

    @Test
    void anEventOrANumberLibvirtDoesNotHaveIsAnUnknownProcedure() {
        List<Integer> unknown = new ArrayList<>(List.of(0, 444, 1000, Integer.MAX_VALUE, -1));
        LibvirtProgram.ROWS.stream().filter(row -> row.kind() == Kind.EVENT).forEach(row -> unknown.add(row.number()));
        List<Executable> checks = new ArrayList<>();
        try (RawClient client = RawClient.open(DAEMON.tcpPort(), 0)) {
            for (int number : unknown) {
                RemoteError error = client.callRaw(number, NO_ARGS);
                checks.add(() -> {
                    assertNotNull(error, number + " answered OK");
                    assertEquals(39, error.code(), "VIR_ERR_RPC for " + number);
                    assertEquals(7, error.domain(), "VIR_FROM_RPC for " + number);
                    assertEquals(Optional.of("unknown procedure: " + number), error.message());
                });
            }
        }
        assertAll(checks);
    }

    @Test
    void virshAndPythonSeeNotSupportedWhereTheyUsedToSeeAnUnknownProcedure() {
        Command.Result virsh =
                Command.run(Duration.ofSeconds(30), "virsh", "-c", DAEMON.tcpUri("baremetal"), "nwfilter-list");
        assertTrue(
                virsh.stderr().contains("this function is not supported by the connection driver: virConnect"),
                virsh.stderr());

        String out = Command.run(Duration.ofSeconds(30), "/usr/bin/python3", "-c", """
                import libvirt, sys
                conn = libvirt.open(sys.argv[1])
                try:
                    conn.nwfilterLookupByName('clean-traffic')
                except libvirt.libvirtError as e:
                    print(e.get_error_code(), e.get_error_domain(), e.get_error_message())
                """, DAEMON.tcpUri("baremetal"))
                .assertSuccess()
                .stdout();
        assertEquals(
                "3 33 this function is not supported by the connection driver: virNWFilterLookupByName", out.strip());
    }

    private static List<Row> notServed(Kind kind) {
        return LibvirtProgram.ROWS.stream()
                .filter(row -> row.kind() == kind && !SERVED.serves(row.number()))
                .toList();
    }

    private static String notSupported(Row row) {
        return "this function is not supported by the connection driver: " + row.api();
    }

    private static void assertAnswer(Row row, int code, int domain, String message, RemoteError error) {
        assertNotNull(error, row.name() + " answered OK");
        assertEquals(code, error.code(), row.name() + ": " + error.message());
        assertEquals(domain, error.domain(), row.name() + ": error domain");
        assertEquals(Optional.of(message), error.message(), row.name());
    }
}
