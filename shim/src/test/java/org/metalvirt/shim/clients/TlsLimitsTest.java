package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Pki;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * The TLS listener's own limits: the protocols and cipher suites it offers ({@code tls.protocols},
 * {@code tls.cipherSuites}, in place of libvirt's {@code tls_priority}) and the open timeout, which bounds the handshake as well.
 */
class TlsLimitsTest {

    private static final Pki PKI = Pki.shared();
    private static final int OPEN_TIMEOUT_SECONDS = 5;

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        config.listen.tls = "127.0.0.1:0";
        config.tls.pkiDir = PKI.dir("server").toString();
        config.tls.protocols = List.of("TLSv1.3");
        config.tls.cipherSuites = List.of("TLS_AES_256_GCM_SHA384");
        config.limits.authTimeoutSeconds = OPEN_TIMEOUT_SECONDS;
    });

    /** A client whose own {@code tls_priority} leaves out what the daemon offers gets no connection. */
    @ParameterizedTest
    @ValueSource(strings = {"NORMAL:-VERS-TLS1.3", "NORMAL:-AES-256-GCM"})
    void aClientWithoutTheProtocolOrCipherSuiteOfferedFailsItsHandshake(String clientPriority) {
        Command.Result result =
                new Virsh(PKI.uri(DAEMON.tlsPort(), "client") + "&tls_priority=" + clientPriority).run("hostname");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("TLS handshake failed"), result.stderr());
        assertEquals("card-7", new Virsh(PKI.uri(DAEMON.tlsPort(), "client")).ok("hostname"), "a default client is");
    }

    /**
     * Half a ClientHello, then silence: the open timeout closes the connection (Netty's own handshake
     * timer is off: the close is counted as an open timeout), and other clients are served meanwhile.
     */
    @Test
    void aClientStoppingMidHandshakeIsDroppedAtTheOpenTimeoutAlone() throws IOException {
        Virsh virsh = new Virsh(PKI.uri(DAEMON.tlsPort(), "client"));
        assertEquals("card-7", virsh.ok("hostname"));
        long timeoutsBefore = DAEMON.daemon().stats().authTimeouts();
        try (Socket stalled = new Socket("127.0.0.1", DAEMON.tlsPort())) {
            stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc});
            stalled.getOutputStream().flush();
            stalled.setSoTimeout(200);

            assertEquals("card-7", virsh.ok("hostname"));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> closed(stalled.getInputStream()));
        }
        assertTrue(DAEMON.daemon().stats().authTimeouts() > timeoutsBefore, "closed by the open timeout");
        assertEquals("card-7", virsh.ok("hostname"));
    }

    private static boolean closed(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }
}
