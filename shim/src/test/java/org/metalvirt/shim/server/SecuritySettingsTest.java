package org.metalvirt.shim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.dispatch.ListenerAuth;
import org.metalvirt.shim.security.TlsFiles;
import org.metalvirt.shim.security.TlsSettings;

/** The YAML's auth, tls and sasl keys, and the refusal to expose the servers unauthenticated. */
class SecuritySettingsTest {

    @TempDir
    Path dir;

    private DaemonSettings resolve(String yaml, DaemonSettings.Overrides overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), yaml + "stateDir: " + dir.resolve("state") + "\n");
        return DaemonSettings.resolve(DaemonConfig.read(file), overrides);
    }

    private DaemonSettings resolve(String yaml) throws IOException {
        return resolve(yaml, DaemonSettings.Overrides.NONE);
    }

    @Test
    void theDefaultIsLoopbackTcpWithoutAuthenticationAndNoTls() throws IOException {
        SecuritySettings security = resolve("").security();

        assertEquals(Optional.empty(), security.tls());
        assertEquals(ListenerAuth.NONE, security.tcpAuth());
        assertEquals(ListenerAuth.NONE, security.unixRwAuth());
        assertEquals(dir.resolve("state").resolve("sasl-users"), security.sasl().credentials());
    }

    @Test
    void tcpWithoutAuthenticationOffTheLoopbackStopsTheDaemon() {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve("listen: {tcp: 0.0.0.0:16509}\n"));

        assertTrue(e.getMessage().contains("auth.tcp is none on 0.0.0.0:16509"), e.getMessage());
    }

    @Test
    void itStartsWhenToldExplicitlyOrWithSasl() throws IOException {
        resolve("listen: {tcp: 0.0.0.0:16509}\nauth: {allowUnauthenticatedRemote: true}\n");

        assertEquals(
                ListenerAuth.SASL,
                resolve("listen: {tcp: 0.0.0.0:16509}\nauth: {tcp: sasl}\n")
                        .security()
                        .tcpAuth());
    }

    @Test
    void tlsOffTheLoopbackIsAuthenticatedByTheCertificateUnlessVerificationIsOff() throws IOException {
        assertEquals(
                16514,
                resolve("listen: {tls: 0.0.0.0:16514}\n")
                        .security()
                        .tls()
                        .orElseThrow()
                        .getPort());

        assertThrows(
                ConfigException.class,
                () -> resolve("listen: {tls: 0.0.0.0:16514}\ntls: {verifyClientCertificate: false}\n"));
    }

    @Test
    void thePkiDirectoryHoldsLibvirtsFourNamesAndEachFileKeyOverridesOne() throws IOException {
        TlsSettings tls = resolve("""
                        listen: {tls: 127.0.0.1:16514}
                        tls:
                          pkiDir: /etc/pki/x
                          crlFile: /elsewhere/crl.pem
                          allowedDnList: ["C=GB,O=Example,CN=*"]
                        """).security().tlsFiles().orElseThrow();

        assertEquals(
                new TlsFiles(
                        Path.of("/etc/pki/x/cacert.pem"),
                        Path.of("/elsewhere/crl.pem"),
                        Path.of("/etc/pki/x/servercert.pem"),
                        Path.of("/etc/pki/x/serverkey.pem")),
                tls.files());
        assertEquals(List.of("C=GB,O=Example,CN=*"), tls.allowedDns());
        assertTrue(tls.verifyClients());
    }

    @Test
    void theCommandLinesPkiDirWins() throws IOException {
        TlsSettings tls = resolve(
                        "tls: {pkiDir: /etc/pki/x}\n",
                        new DaemonSettings.Overrides(
                                null, null, null, "127.0.0.1:16514", Path.of("/srv/pki"), null, null, null))
                .security()
                .tlsFiles()
                .orElseThrow();

        assertEquals(Path.of("/srv/pki/servercert.pem"), tls.files().serverCert());
    }

    @Test
    void caCertificateAndKeyAreGivenTogether() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> resolve("listen: {tls: 127.0.0.1:16514}\ntls: {certFile: /a.pem}\n"));

        assertTrue(e.getMessage().contains("must be given together"), e.getMessage());
    }

    @Test
    void anUnknownAuthMethodIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve("auth: {unixRw: polkit}\n"));

        assertTrue(e.getMessage().startsWith("auth.unixRw"), e.getMessage());
    }
}
