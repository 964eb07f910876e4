package org.metalvirt.shim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metalvirt.shim.security.TlsSetupException;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Pki;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/** The daemon's own certificate is checked before it listens, and its files can be read again. */
class TlsStartTest {

    private static Pki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void makePki() {
        pki = Pki.shared();
    }

    private DaemonSettings settings(Path pkiDir) {
        return settings(pkiDir, config -> {});
    }

    private DaemonSettings settings(Path pkiDir, java.util.function.Consumer<DaemonConfig> configure) {
        DaemonConfig config = new DaemonConfig();
        config.listen.tcp = "";
        config.listen.tls = "127.0.0.1:0";
        config.listen.unix = dir.resolve("sock").toString();
        config.stateDir = dir.resolve("state").toString();
        config.nodes.clear();
        config.nodes.add(RunningDaemon.testNode());
        config.hostname = "card-7";
        config.tls.pkiDir = pkiDir.toString();
        configure.accept(config);
        return DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE);
    }

    @Test
    void aCertificateWhoseCriticalKeyUsageLacksKeyEnciphermentStopsTheDaemon() {
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> Daemon.start(settings(pki.dir("ec-dsonly"))));

        assertTrue(e.getMessage().contains("usage does not permit key encipherment"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("sock")), "nothing listens");
    }

    @Test
    void aMissingKeyStopsTheDaemonNamingTheFile() throws IOException {
        Path partial = Files.createDirectories(dir.resolve("partial"));
        Files.copy(pki.dir("server").resolve("cacert.pem"), partial.resolve("cacert.pem"));
        Files.copy(pki.dir("server").resolve("servercert.pem"), partial.resolve("servercert.pem"));

        TlsSetupException e = assertThrows(TlsSetupException.class, () -> Daemon.start(settings(partial)));

        assertTrue(e.getMessage().contains(partial.resolve("serverkey.pem").toString()), e.getMessage());
    }

    @Test
    void reloadingKeepsTheOldFilesWhenTheNewOnesAreBadAndServesNewConnectionsWithNewOnes() throws IOException {
        Path live = Files.createDirectories(dir.resolve("live"));
        install(pki.dir("server"), live);
        Pki renewed = Pki.create();
        try (Daemon daemon = Daemon.start(settings(live))) {
            int port = daemon.tlsAddress().orElseThrow().getPort();
            Files.writeString(live.resolve("serverkey.pem"), "not a key\n");

            assertThrows(TlsSetupException.class, daemon::reloadTls);
            assertEquals("card-7", new Virsh(pki.uri(port, "client")).ok("hostname"), "the old files still serve");

            install(renewed.dir("server"), live);
            daemon.reloadTls();
            assertEquals("card-7", new Virsh(renewed.uri(port, "client")).ok("hostname"));
            assertTrue(new Virsh(pki.uri(port, "client"))
                    .run("hostname")
                    .stderr()
                    .contains("Failed to verify peer's certificate"));
        }
    }

    /** libvirt's layout: the CA file holds the root and the intermediate, the certificate file the leaf. */
    @Test
    void anIntermediateCaInTheCaFileSignsTheDaemonAndItsClients() {
        try (Daemon daemon = Daemon.start(settings(pki.dir("inter-in-ca")))) {
            int port = daemon.tlsAddress().orElseThrow().getPort();

            assertEquals("card-7", new Virsh(pki.uri(port, "inter-client")).ok("hostname"));
            assertEquals(
                    "card-7",
                    new Virsh(pki.uri(port, "client")).ok("hostname"),
                    "a client trusting only the root gets the intermediate from the daemon");
        }
    }

    /** GnuTLS's other layout: the certificate file carries the chain, the CA file only the root. */
    @Test
    void aChainSentAfterTheCertificateIsVerifiedUpToTheRoot() {
        try (Daemon daemon = Daemon.start(settings(pki.dir("inter-sent")))) {
            int port = daemon.tlsAddress().orElseThrow().getPort();

            assertEquals("card-7", new Virsh(pki.uri(port, "client")).ok("hostname"));
            assertEquals("card-7", new Virsh(pki.uri(port, "inter-sending")).ok("hostname"));
            Command.Result leafOnly = new Virsh(pki.uri(port, "inter-client")).run("hostname");
            assertTrue(
                    leafOnly.stderr().contains("Unable to read TLS confirmation"),
                    "without the intermediate the root alone cannot vouch for it: " + leafOnly.stderr());
        }
    }

    /** certtool's default RSA key (PKCS#1 after a text dump), its ECDSA key and openssl's, both SEC1. */
    @ParameterizedTest
    @ValueSource(strings = {"key-certtool-rsa", "key-certtool-ec", "key-openssl-sec1"})
    void keysAsCerttoolAndOpensslWriteThemServe(String keyDir) {
        try (Daemon daemon = Daemon.start(settings(pki.dir(keyDir)))) {
            int port = daemon.tlsAddress().orElseThrow().getPort();

            assertEquals("card-7", new Virsh(pki.uri(port, "client")).ok("hostname"));
        }
    }

    @Test
    void aTruncatedEcKeyStopsTheDaemonWithoutPrintingIt() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        install(pki.dir("key-certtool-ec"), broken, "cacert.pem", "servercert.pem");
        String key = Files.readString(pki.dir("key-certtool-ec").resolve("serverkey.pem"));
        String body = key.substring(key.indexOf("-----BEGIN EC PRIVATE KEY-----") + 31, key.indexOf("-----END"));
        String cut = body.replaceAll("\\s", "").substring(0, 40);
        Files.writeString(
                broken.resolve("serverkey.pem"),
                "-----BEGIN EC PRIVATE KEY-----\n" + cut + "\n-----END EC PRIVATE KEY-----\n");

        TlsSetupException e = assertThrows(TlsSetupException.class, () -> Daemon.start(settings(broken)));

        assertTrue(e.getMessage().contains("Unable to read private key"), e.getMessage());
        assertFalse(e.getMessage().contains(cut.substring(0, 16)), "the key stays out of the message");
    }

    @Test
    void anOldProtocolOrAnUnknownCipherSuiteStopsTheDaemon() {
        TlsSetupException old = assertThrows(
                TlsSetupException.class,
                () -> Daemon.start(settings(pki.dir("server"), c -> c.tls.protocols = List.of("TLSv1.1"))));
        TlsSetupException typo = assertThrows(
                TlsSetupException.class,
                () -> Daemon.start(settings(pki.dir("server"), c -> c.tls.cipherSuites = List.of("TLS_AES_257_GCM"))));
        TlsSetupException unusable = assertThrows(
                TlsSetupException.class,
                () -> Daemon.start(settings(pki.dir("server"), c -> {
                    c.tls.protocols = List.of("TLSv1.2");
                    c.tls.cipherSuites = List.of("TLS_AES_256_GCM_SHA384");
                })));

        assertTrue(old.getMessage().contains("tls.protocols"), old.getMessage());
        assertTrue(typo.getMessage().contains("TLS_AES_257_GCM"), typo.getMessage());
        assertTrue(unusable.getMessage().contains("none of them works"), unusable.getMessage());
    }

    private static void install(Path from, Path to, String... names) throws IOException {
        for (String name : names) {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void install(Path from, Path to) throws IOException {
        for (String name : new String[] {"cacert.pem", "cacrl.pem", "servercert.pem", "serverkey.pem"}) {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
