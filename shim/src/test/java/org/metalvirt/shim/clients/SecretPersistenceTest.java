package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Await;
import org.metalvirt.shim.testing.CinderSecret;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Virsh;

/**
 * Secrets across kill -9: a persistent one comes back with its value, kept in a file only the
 * daemon's user reads; an ephemeral one is never written and is gone. No value is ever logged,
 * at any level.
 */
class SecretPersistenceTest {

    private static final String EPHEMERAL = "0f6c3b1a-9e2d-4c5b-8a7f-6e5d4c3b2a19";
    private static final String CHAP = "chap-Sesame-0451";

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return Files.writeString(
                dir.resolve("metalvirtd.yaml"), """
                listen: {tcp: "127.0.0.1:0", unix: %s}
                stateDir: %s
                hostname: card-7
                nodes:
                  - name: node0
                    options: {powerOnMillis: "20", osShutdownMillis: "50"}
                """.formatted(dir.resolve("sock"), dir.resolve("state")));
    }

    @Test
    void persistentSecretsAndTheirValuesSurviveKillNineEphemeralOnesAreNeverWritten() throws IOException {
        Path config = config();
        Path secrets = dir.resolve("state/secrets");
        StringBuilder logs = new StringBuilder();
        try (DaemonProcess daemon = DaemonProcess.start(config, "TRACE")) {
            Virsh virsh = new Virsh(daemon.uri());
            CinderSecret.define(virsh, dir);
            virsh.ok(
                    "secret-define",
                    Files.writeString(dir.resolve("ephemeral.xml"), """
                    <secret ephemeral='yes' private='yes'>
                      <uuid>%s</uuid>
                      <usage type='iscsi'><target>iqn.2024-01.org.example:t1</target></usage>
                    </secret>
                    """.formatted(EPHEMERAL))
                            .toString());
            virsh.ok(
                    "secret-set-value",
                    EPHEMERAL,
                    "--plain",
                    "--file",
                    Files.writeString(dir.resolve("chap"), CHAP).toString());

            // Durable in the journal at once; the files themselves once the changes pause.
            Path value = secrets.resolve(CinderSecret.UUID + ".base64");
            Path definition = secrets.resolve(CinderSecret.UUID + ".xml");
            Await.until(() -> Files.exists(value) && Files.exists(definition), "the secret written into its files");
            assertEquals(CinderSecret.KEY, Files.readString(value));
            assertEquals("rw-------", mode(value));
            assertEquals("rw-------", mode(secrets.resolve(".journal-0")));
            assertEquals("rw-------", mode(definition));
            assertEquals("rwx------", mode(secrets));
            try (var files = Files.list(secrets)) {
                assertTrue(files.noneMatch(file -> file.getFileName().toString().startsWith(EPHEMERAL)));
            }
            daemon.kill9();
            logs.append(daemon.log());
        }
        try (DaemonProcess daemon = DaemonProcess.start(config, "TRACE")) {
            Virsh virsh = new Virsh(daemon.uri());
            String list = virsh.ok("secret-list");
            assertTrue(list.contains(CinderSecret.UUID), list);
            assertFalse(list.contains(EPHEMERAL), list);
            assertEquals(CinderSecret.KEY, virsh.ok("secret-get-value", CinderSecret.UUID));
            logs.append(daemon.log());
        }
        String log = logs.toString();
        assertTrue(log.contains("SECRET_SET_VALUE") || log.contains("DEBUG"), "the log was captured at TRACE:\n" + log);
        for (String value : new String[] {
            CinderSecret.KEY,
            new String(Base64.getDecoder().decode(CinderSecret.KEY), StandardCharsets.ISO_8859_1),
            CHAP,
            Base64.getEncoder().encodeToString(CHAP.getBytes(StandardCharsets.UTF_8))
        }) {
            assertFalse(log.contains(value), "a secret's value in the log");
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
