package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Pki;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * {@code qemu+tls://} with Debian's virsh and python3-libvirt: the daemon asks for a client
 * certificate, judges it after the handshake and sends the 0x01 byte only to a client it accepts.
 * Every refused client sees what libvirtd's clients see.
 */
class TlsTest {

    private static final Pki PKI = Pki.shared();

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        config.listen.tls = "127.0.0.1:0";
        config.tls.pkiDir = PKI.dir("server").toString();
        config.tls.allowedDnList = List.of("C=GB,O=metalvirt test,CN=client*");
    });

    private static Virsh virsh(String client) {
        return new Virsh(PKI.uri(DAEMON.tlsPort(), client));
    }

    /**
     * libvirt's client first checks its own certificate against its own CA, as libvirtd's clients
     * do; {@code no_sanity=1} skips that, so that the daemon is the one to judge it.
     */
    private static Virsh unchecked(String client) {
        return new Virsh(PKI.uri(DAEMON.tlsPort(), client) + "&no_sanity=1");
    }

    @Test
    void aClientWithAGoodCertificateIsServedOverTls() {
        assertEquals("card-7", virsh("client").ok("hostname"));
    }

    @Test
    void aTls12OnlyClientIsServedToo() {
        String uri = PKI.uri(DAEMON.tlsPort(), "client") + "&tls_priority=NORMAL:-VERS-TLS1.3";
        assertEquals("card-7", new Virsh(uri).ok("hostname"));
    }

    @Test
    void pythonSeesASecureEncryptedConnection() {
        JsonNode result = Python.run(Duration.ofSeconds(60), "remote_open.py", PKI.uri(DAEMON.tlsPort(), "client"));

        assertEquals("card-7", result.path("hostname").asText(), result.toString());
        assertEquals(1, result.path("secure").asInt());
        assertEquals(1, result.path("encrypted").asInt());
    }

    /** Closed before the confirmation byte: libvirt's client cannot tell which check failed. */
    @ParameterizedTest
    @ValueSource(strings = {"nocert", "revoked", "expired", "otherca", "denied"})
    void aRefusedClientCertificateEndsTheConnectionBeforeTheConfirmation(String client) {
        Command.Result result = unchecked(client).run("hostname");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("Unable to read TLS confirmation: Input/output error"), result.stderr());
    }

    @Test
    void pythonIsRefusedAsVirshIs() {
        JsonNode result = Python.run(Duration.ofSeconds(60), "remote_open.py", PKI.uri(DAEMON.tlsPort(), "revoked"));

        assertTrue(result.path("error").asText().contains("Unable to read TLS confirmation"), result.toString());
    }

    @Test
    void aClientThatDoesNotTrustTheDaemonsCaRefusesIt() {
        Command.Result result = unchecked("distrust").run("hostname");

        assertNotEquals(0, result.exitCode());
        assertTrue(
                result.stderr().contains("authentication failed: Failed to verify peer's certificate"),
                result.stderr());
    }

    @Test
    void theClientsOwnChecksStillApply() {
        Command.Result result = virsh("expired").run("hostname");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("has expired"), result.stderr());
    }

    @Test
    void aClientSendingGarbageInsteadOfAHandshakeIsDroppedAlone() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", DAEMON.tlsPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[512];
            int read;
            do {
                read = in.read(buffer);
            } while (read > 0 && buffer[0] == 0x15);
            assertEquals(-1, read, "closed after at most a TLS alert");
        }
        assertEquals("card-7", virsh("client").ok("hostname"));
    }

    @Test
    void plainTcpIsServedBesideTls() {
        assertEquals("card-7", new Virsh(DAEMON.tcpUri("qemu")).ok("hostname"));
    }
}
