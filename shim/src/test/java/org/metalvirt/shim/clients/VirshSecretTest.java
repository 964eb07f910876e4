package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Await;
import org.metalvirt.shim.testing.CinderSecret;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/** virsh's secret commands, as libvirt's secret driver answers them. */
class VirshSecretTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    private static final String ISCSI_UUID = "8d2f4c1e-5b6a-4e7f-9a0b-1c2d3e4f5a6b";

    @TempDir
    Path dir;

    private Virsh virsh;

    @BeforeEach
    void connect() {
        virsh = new Virsh(DAEMON.tcpUri("qemu"));
    }

    @AfterEach
    void undefineAll() {
        for (String uuid : List.of(CinderSecret.UUID, ISCSI_UUID)) {
            virsh.run("secret-undefine", uuid);
        }
    }

    private String file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    private String iscsiSecret(String attributes) throws Exception {
        return file("iscsi.xml", """
                <secret %s>
                  <uuid>%s</uuid>
                  <usage type='iscsi'><target>iqn.2024-01.org.example:t1</target></usage>
                </secret>
                """.formatted(attributes, ISCSI_UUID));
    }

    @Test
    void defineListDumpxmlValueAndUndefine() throws Exception {
        assertEquals(
                "Secret " + CinderSecret.UUID + " created",
                virsh.ok(
                        "secret-define",
                        Resources.file(dir, "secrets/cinder.xml").toString()));
        String xml = virsh.ok("secret-dumpxml", CinderSecret.UUID);
        assertEquals("""
                <secret ephemeral='no' private='no'>
                  <uuid>2a5d6a6e-0d2b-4a4b-8d6e-1c0e5b7f9a10</uuid>
                  <description>client.cinder key</description>
                  <usage type='ceph'>
                    <name>client.cinder secret</name>
                  </usage>
                </secret>""", xml);
        Command.run(
                        Duration.ofSeconds(30),
                        "xmllint",
                        "--noout",
                        "--relaxng",
                        "/usr/share/libvirt/schemas/secret.rng",
                        file("dumped.xml", xml))
                .assertSuccess();

        String list = virsh.ok("secret-list");
        assertTrue(list.contains(CinderSecret.UUID) && list.contains("ceph client.cinder secret"), list);

        virsh.ok("secret-set-value", CinderSecret.UUID, "--file", file("key", CinderSecret.KEY));
        assertEquals(CinderSecret.KEY, virsh.ok("secret-get-value", CinderSecret.UUID));
        virsh.ok("secret-set-value", CinderSecret.UUID, "--plain", "--file", file("plain", "hunter2"));
        assertEquals("aHVudGVyMg==", virsh.ok("secret-get-value", CinderSecret.UUID));

        assertEquals("Secret " + CinderSecret.UUID + " deleted", virsh.ok("secret-undefine", CinderSecret.UUID));
        Command.Result gone = virsh.run("secret-dumpxml", CinderSecret.UUID);
        assertTrue(gone.stderr().contains("Secret not found: no secret with matching uuid"), gone.stderr());
    }

    @Test
    void aSecretWithoutValueOrUsageAndTheUsageTakenByAnother() throws Exception {
        virsh.ok("secret-define", iscsiSecret(""));
        Command.Result noValue = virsh.run("secret-get-value", ISCSI_UUID);
        assertTrue(
                noValue.stderr().contains("Secret not found: secret '" + ISCSI_UUID + "' does not have a value"),
                noValue.stderr());
        Command.Result taken = virsh.run("secret-define", file("other.xml", """
                <secret><usage type='iscsi'><target>iqn.2024-01.org.example:t1</target></usage></secret>
                """));
        assertTrue(
                taken.stderr()
                        .contains("a secret with UUID " + ISCSI_UUID
                                + " already defined for use with iqn.2024-01.org.example:t1"),
                taken.stderr());
        Command.Result unknown = virsh.run("secret-define", file("bad.xml", """
                <secret><usage type='nfs'><name>x</name></usage></secret>
                """));
        assertTrue(unknown.stderr().contains("unknown secret usage type nfs"), unknown.stderr());
    }

    @Test
    void aPrivateSecretsValueIsNeverGivenBackAndNoValueIsGivenReadOnly() throws Exception {
        virsh.ok("secret-define", iscsiSecret("ephemeral='no' private='yes'"));
        virsh.ok("secret-set-value", ISCSI_UUID, "--plain", "--file", file("chap", "chap-password"));
        Command.Result refused = virsh.run("secret-get-value", ISCSI_UUID);
        assertTrue(refused.stderr().contains("Invalid secret: secret is private"), refused.stderr());

        CinderSecret.define(virsh, dir);
        Virsh readOnly = new Virsh(DAEMON.unixUri("qemu", true));
        Command.Result denied = readOnly.run("secret-get-value", CinderSecret.UUID);
        assertTrue(denied.stderr().contains("read only access prevents virSecretGetValue"), denied.stderr());
        assertTrue(readOnly.ok("secret-list").contains(CinderSecret.UUID), "listing is read-only");
        Command.Result define = readOnly.run("secret-define", iscsiSecret(""));
        assertTrue(define.stderr().contains("read only access prevents virSecretDefineXML"), define.stderr());

        assertEquals(List.of(ISCSI_UUID), uuids(virsh.ok("secret-list", "--private")));
        assertEquals(List.of(CinderSecret.UUID), uuids(virsh.ok("secret-list", "--no-private")));
        assertEquals(List.of(), uuids(virsh.ok("secret-list", "--ephemeral")));
    }

    @Test
    void secretEventsTellDefinitionValueChangesAndUndefinition() throws Exception {
        int before = DAEMON.daemon().events().registrations();
        try (LineWatcher lifecycle = LineWatcher.start(
                        "virsh",
                        "-c",
                        DAEMON.tcpUri("qemu"),
                        "secret-event",
                        "--event",
                        "lifecycle",
                        "--loop",
                        "--timeout",
                        "120");
                LineWatcher changes = LineWatcher.start(
                        "virsh",
                        "-c",
                        DAEMON.tcpUri("qemu"),
                        "secret-event",
                        "--event",
                        "value-changed",
                        "--loop",
                        "--timeout",
                        "120")) {
            Await.until(() -> DAEMON.daemon().events().registrations() >= before + 2, "virsh secret-event registered");
            CinderSecret.define(virsh, dir);
            virsh.ok("secret-undefine", CinderSecret.UUID);
            List<String> seen = lifecycle.awaitLine(line -> line.contains("Undefined"), Duration.ofSeconds(30));
            assertEquals(
                    List.of(
                            "event 'lifecycle' for secret " + CinderSecret.UUID + ": Defined",
                            "event 'lifecycle' for secret " + CinderSecret.UUID + ": Undefined"),
                    seen.stream().filter(line -> line.startsWith("event ")).toList());
            List<String> values = changes.awaitLine(line -> line.contains("value-changed"), Duration.ofSeconds(30));
            assertEquals(
                    "event 'value-changed' for secret " + CinderSecret.UUID,
                    values.get(values.size() - 1).strip());
        }
        assertFalse(virsh.ok("secret-list").contains(CinderSecret.UUID));
    }

    private static List<String> uuids(String list) {
        return list.lines()
                .skip(2)
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+")[0])
                .toList();
    }
}
