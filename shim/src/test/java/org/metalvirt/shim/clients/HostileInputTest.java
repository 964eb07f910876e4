package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.dispatch.WireStats;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.protocol.Domain;
import org.metalvirt.shim.protocol.Event.CallbackRegisterAnyArgs;
import org.metalvirt.shim.protocol.Event.RegisterAnyArgs;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.RawClient;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.xdr.Xdr;

/**
 * What a hostile-input run found, over real sockets: clients that never open, a half-sent 16 MiB
 * packet, duplicate event registrations, a read-only client after secrets. Each costs the client
 * its own connection or an error, and never anyone else's service.
 */
class HostileInputTest {

    private static final int ANONYMOUS = 4;

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        config.limits.maxAnonymousClients = ANONYMOUS;
        config.limits.authTimeoutSeconds = 2;
    });

    @Test
    void clientsThatNeverOpenCannotLockOutTheUnixSocketsAndAreClosed() throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * ANONYMOUS; i++) {
                idle.add(connect());
            }
            // Slow lorises: the start of a 1000-byte packet, held until the open timeout; the start of a
            // 16 MiB one, which an anonymous client may not send at all.
            OutputStream loris = idle.get(0).getOutputStream();
            loris.write(new byte[] {0x00, 0x00, 0x03, (byte) 0xe8, 0x20, 0x00, (byte) 0x80});
            loris.flush();
            OutputStream large = idle.get(1).getOutputStream();
            large.write(new byte[] {0x01, 0x00, 0x00, 0x00, 0x20, 0x00, (byte) 0x80, 0x00});
            large.flush();

            virsh(false, "hostname").assertSuccess();
            virsh(true, "hostname").assertSuccess();

            for (Socket socket : idle) {
                assertTrue(closedByTheDaemon(socket), "an idle client was closed");
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        // Accepted in one batch with the last free slot, a few are refused at once instead of waiting; the
        // 16 MiB packet closes its connection as soon as it is read.
        WireStats stats = DAEMON.daemon().stats();
        assertTrue(stats.authTimeouts() >= 1);
        assertTrue(stats.authTimeouts() + stats.refused() + stats.malformed() >= 3 * ANONYMOUS);
        Command.run(Duration.ofSeconds(30), "virsh", "-c", DAEMON.tcpUri("baremetal"), "hostname")
                .assertSuccess();
    }

    @Test
    void undecodableArgumentsAreAnsweredAsLibvirtdAnswersThemAndTheConnectionStays() {
        try (RawClient client = RawClient.open(DAEMON.tcpPort(), 0)) {
            int define = RemoteProcedures.DOMAIN_DEFINE_XML.number();
            byte[] valid = Xdr.encode(Domain.DefineXmlArgs.class, new Domain.DefineXmlArgs("<domain/>"));
            List<byte[]> payloads = List.of(
                    // <name>u\xff8</name> and an overlong '/': not UTF-8, refused rather than replaced
                    xdrString(
                            "<domain type='kvm'><name>u\u00ff8</name></domain>".getBytes(StandardCharsets.ISO_8859_1)),
                    xdrString(new byte[] {'<', 'a', (byte) 0xc0, (byte) 0xaf, '>'}),
                    // a string one byte past REMOTE_STRING_MAX
                    xdrString(new byte[4 * 1024 * 1024 + 1]),
                    // a count promising more than is there
                    new byte[] {0, 0, 0, 100, 'x'},
                    // trailing bytes after the arguments
                    ByteBuffer.allocate(valid.length + 4).put(valid).putInt(7).array());
            for (byte[] payload : payloads) {
                RemoteError error = client.callRaw(define, payload);
                assertNotNull(error);
                assertEquals(39, error.code(), "VIR_ERR_RPC");
                assertEquals(7, error.domain(), "VIR_FROM_RPC");
                assertEquals(Optional.of("Unable to decode message payload"), error.message());
            }
            assertNull(client.callRaw(RemoteProcedures.CONNECT_GET_VERSION.number(), new byte[0]));
        }
    }

    /** An XDR string of raw bytes, padded, whatever they are. */
    private static byte[] xdrString(byte[] bytes) {
        ByteBuffer out = ByteBuffer.allocate(4 + bytes.length + (4 - bytes.length % 4) % 4);
        return out.putInt(bytes.length).put(bytes).array();
    }

    @Test
    void aDuplicateEventRegistrationIsRefusedAsLibvirtRefusesIt() {
        try (RawClient client = RawClient.open(DAEMON.tcpPort(), 0)) {
            CallbackRegisterAnyArgs lifecycle = new CallbackRegisterAnyArgs(0, Optional.empty());
            client.call(RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, lifecycle);

            RemoteError again = client.callRaw(
                    RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.number(),
                    Xdr.encode(CallbackRegisterAnyArgs.class, lifecycle));
            assertAlreadyTracked(again);
            // libvirtd relays the older registration through the same callback: a duplicate as well.
            RemoteError legacy = client.callRaw(
                    RemoteProcedures.CONNECT_DOMAIN_EVENT_REGISTER_ANY.number(),
                    Xdr.encode(RegisterAnyArgs.class, new RegisterAnyArgs(0)));
            assertAlreadyTracked(legacy);

            client.call(
                    RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                    new CallbackRegisterAnyArgs(1, Optional.empty()));
        }
    }

    @Test
    void aConnectionsEventRegistrationsAreBounded() {
        List<RemoteDomain> domains = new ArrayList<>();
        for (int i = 0; i < 210; i++) {
            DomainRecord record = DAEMON.daemon()
                    .domains()
                    .define("<domain type='kvm'><name>watched-" + i + "</name><memory>1024</memory>"
                            + "<os><type>hvm</type></os></domain>");
            domains.add(new RemoteDomain(record.name(), record.uuid(), -1));
        }
        int register = RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.number();
        try (RawClient client = RawClient.open(DAEMON.tcpPort(), 0)) {
            int accepted = 0;
            RemoteError refused = null;
            // Every event id of every domain, each once: distinct registrations, until the bound.
            for (int d = 0; refused == null && d < domains.size(); d++) {
                for (int eventId = 0; refused == null && eventId < 20; eventId++) {
                    refused = client.callRaw(
                            register,
                            Xdr.encode(
                                    CallbackRegisterAnyArgs.class,
                                    new CallbackRegisterAnyArgs(eventId, Optional.of(domains.get(d)))));
                    accepted += refused == null ? 1 : 0;
                }
            }
            assertEquals(4096, accepted);
            assertNotNull(refused);
            assertEquals(9, refused.code(), "VIR_ERR_OPERATION_FAILED");
            assertNull(client.callRaw(RemoteProcedures.CONNECT_GET_VERSION.number(), new byte[0]));
        } finally {
            domains.forEach(domain -> DAEMON.daemon().domains().undefine(domain.uuid()));
        }
    }

    private static void assertAlreadyTracked(RemoteError error) {
        assertNotNull(error, "a duplicate registration was accepted");
        assertEquals(8, error.code(), "VIR_ERR_INVALID_ARG");
        assertEquals(0, error.domain(), "VIR_FROM_NONE");
        assertEquals(Optional.of("invalid argument: event callback already tracked"), error.message());
    }

    @Test
    void aReadOnlyClientNeverSeesAGraphicsPassword() {
        DAEMON.daemon()
                .domains()
                .define("<domain type='kvm'><name>vnc-1</name><memory>1024</memory><os><type>hvm</type></os>"
                        + "<devices><graphics type='vnc' port='-1' passwd='s3cret-pw'/></devices></domain>");

        String readOnly = virsh(true, "dumpxml", "vnc-1").assertSuccess().stdout();
        assertTrue(readOnly.contains("<graphics type='vnc'"), readOnly);
        assertFalse(readOnly.contains("s3cret-pw"), readOnly);
        assertFalse(virsh(false, "dumpxml", "vnc-1").assertSuccess().stdout().contains("s3cret-pw"));

        Command.Result secure = virsh(true, "dumpxml", "--security-info", "vnc-1");
        assertEquals(1, secure.exitCode());
        assertTrue(secure.stderr().contains("virDomainGetXMLDesc with secure flag"), secure.stderr());
        assertFalse(secure.stdout().contains("s3cret-pw"));

        String full = virsh(false, "dumpxml", "--security-info", "vnc-1")
                .assertSuccess()
                .stdout();
        assertTrue(full.contains("passwd='s3cret-pw'"), full);
    }

    @Test
    void theReadOnlySocketDeniesWhatLibvirtRefusesReadOnlyEvenWhenNotServed() {
        try (RawClient client = RawClient.openUnix(DAEMON.daemon().readOnlySocket(), 0)) {
            RemoteError openGraphics = client.callRaw(RemoteProcedures.DOMAIN_OPEN_GRAPHICS.number(), new byte[0]);
            assertEquals(29, openGraphics.code(), "VIR_ERR_OPERATION_DENIED");
            assertEquals(
                    Optional.of("operation forbidden: read only access prevents virDomainOpenGraphics"),
                    openGraphics.message());
            // A call libvirt allows read-only is "not supported", as libvirtd answers a driver without it.
            RemoteError managedSaveXml =
                    client.callRaw(RemoteProcedures.DOMAIN_MANAGED_SAVE_GET_XML_DESC.number(), new byte[0]);
            assertEquals(3, managedSaveXml.code(), "VIR_ERR_NO_SUPPORT");
            RemoteError define = client.callRaw(
                    RemoteProcedures.DOMAIN_DEFINE_XML.number(),
                    Xdr.encode(Domain.DefineXmlArgs.class, new Domain.DefineXmlArgs("<domain/>")));
            assertEquals(29, define.code(), "VIR_ERR_OPERATION_DENIED");
            assertNull(client.callRaw(RemoteProcedures.CONNECT_GET_VERSION.number(), new byte[0]));
        }
    }

    private static Command.Result virsh(boolean readOnly, String... args) {
        List<String> command = new ArrayList<>(List.of("virsh"));
        if (readOnly) {
            command.add("-r");
        }
        command.addAll(List.of("-c", DAEMON.unixUri("qemu", readOnly)));
        command.addAll(List.of(args));
        return Command.run(Duration.ofSeconds(60), command.toArray(String[]::new));
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", DAEMON.tcpPort());
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** True once the daemon closed the connection; the wait is bounded by the socket's read timeout. */
    private static boolean closedByTheDaemon(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1 || closedByTheDaemon(socket);
        } catch (SocketException reset) {
            return true;
        }
    }
}
