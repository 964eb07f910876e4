package org.metalvirt.shim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.security.TlsSetupException;
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
        DaemonConfig config = new DaemonConfig();
        config.listen.tcp = "";
        config.listen.tls = "127.0.0.1:0";
        config.listen.unix = dir.resolve("sock").toString();
        config.stateDir = dir.resolve("state").toString();
        config.nodes.clear();
        config.nodes.add(RunningDaemon.testNode());
        config.hostname = "card-7";
        config.tls.pkiDir = pkiDir.toString();
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

    private static void install(Path from, Path to) throws IOException {
        for (String name : new String[] {"cacert.pem", "cacrl.pem", "servercert.pem", "serverkey.pem"}) {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
