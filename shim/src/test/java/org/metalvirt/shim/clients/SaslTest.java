package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.security.SaslUsers;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Pki;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RawClient;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.xdr.Xdr;

/**
 * SASL with Debian's virsh and python3-libvirt (cyrus' client plugins from libsasl2-modules), the
 * credentials in a libvirt auth file: SCRAM-SHA-256 (the client's pick) and PLAIN over the Unix
 * socket and over TLS, DIGEST-MD5 with its confidentiality layer over plain TCP.
 */
class SaslTest {

    private static final Pki PKI = Pki.shared();
    private static final Path DIR = tempDir();
    private static final Path USERS = DIR.resolve("sasl-users");

    static {
        SaslUsers users = SaslUsers.read(USERS);
        users.put("alice", "correct horse".toCharArray());
        users.put("mallory", "mallory's own".toCharArray());
    }

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        config.auth.unixRw = "sasl";
        config.auth.tls = "sasl";
        config.auth.tcp = "sasl";
        config.listen.tls = "127.0.0.1:0";
        config.tls.pkiDir = PKI.dir("server").toString();
        config.sasl.credentialsFile = USERS.toString();
        config.sasl.allowedUsernameList = List.of("ali*");
    });

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("mvd-sasl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A libvirt auth file giving {@code user} and {@code password} for every host. */
    private static Map<String, String> authFile(String user, String password) {
        try {
            Path file = Files.createTempFile(DIR, "auth", ".conf");
            Files.writeString(
                    file,
                    "[credentials-test]\nauthname=" + user + "\npassword=" + password + "\n\n"
                            + "[auth-libvirt-default]\ncredentials=test\n");
            return Map.of("LIBVIRT_AUTH_FILE", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Command.Result virsh(Map<String, String> env, String uri, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "virsh";
        command[1] = "-c";
        command[2] = uri;
        System.arraycopy(args, 0, command, 3, args.length);
        return Command.run(Duration.ofSeconds(60), env, command);
    }

    private static String unixUri() {
        return DAEMON.unixUri("qemu", false);
    }

    private static String tlsUri() {
        return PKI.uri(DAEMON.tlsPort(), "client");
    }

    @Test
    void aUserWithTheRightPasswordIsServedOnTheUnixSocket() {
        Command.Result result = virsh(authFile("alice", "correct horse"), unixUri(), "hostname");

        assertEquals("card-7", result.assertSuccess().stdout().strip());
    }

    @Test
    void plainWorksWhenTheClientAsksForIt() {
        Command.Result result = virsh(authFile("alice", "correct horse"), unixUri() + "&auth=sasl.PLAIN", "hostname");

        assertEquals("card-7", result.assertSuccess().stdout().strip());
    }

    @Test
    void scramAndPlainAreServedOverTlsAfterTheCertificate() {
        Map<String, String> alice = authFile("alice", "correct horse");

        assertEquals(
                "card-7",
                virsh(alice, tlsUri(), "hostname").assertSuccess().stdout().strip());
        assertEquals(
                "card-7",
                virsh(alice, tlsUri() + "&auth=sasl.PLAIN", "hostname")
                        .assertSuccess()
                        .stdout()
                        .strip());
    }

    @Test
    void pythonAuthenticatesFromTheAuthFile() {
        JsonNode result =
                Python.run(Duration.ofSeconds(60), authFile("alice", "correct horse"), "remote_open.py", tlsUri());

        assertEquals("card-7", result.path("hostname").asText(), result.toString());
    }

    @Test
    void aWrongPasswordAUserNotAllowedAndAnUnknownUserFailAlike() {
        for (Map<String, String> env :
                List.of(authFile("alice", "wrong"), authFile("mallory", "mallory's own"), authFile("nobody", "x"))) {
            for (String mechanism : List.of("", "&auth=sasl.PLAIN")) {
                Command.Result result = virsh(env, unixUri() + mechanism, "hostname");

                assertNotEquals(0, result.exitCode());
                assertTrue(result.stderr().contains("authentication failed: authentication failed"), result.stderr());
            }
        }
    }

    /** libvirt's client wants a security layer on plain TCP: every byte after the exchange is sealed. */
    @Test
    void plainTcpAuthenticatesWithDigestMd5AndSealsTheRest() {
        Map<String, String> alice = authFile("alice", "correct horse");

        Command.Result result = virsh(alice, DAEMON.tcpUri("qemu"), "capabilities");
        assertTrue(result.assertSuccess().stdout().contains("<capabilities>"), result.stdout());
        assertEquals(
                "card-7",
                Python.run(Duration.ofSeconds(60), alice, "remote_open.py", DAEMON.tcpUri("qemu"))
                        .path("hostname")
                        .asText());
    }

    @Test
    void digestMd5RefusesAsTheOthersDo() {
        for (Map<String, String> env : List.of(authFile("alice", "wrong"), authFile("mallory", "mallory's own"))) {
            Command.Result result = virsh(env, DAEMON.tcpUri("qemu"), "hostname");

            assertNotEquals(0, result.exitCode());
            assertTrue(result.stderr().contains("authentication failed: authentication failed"), result.stderr());
        }
    }

    @Test
    void noCallButTheAuthenticationStepsBeforeAuthenticating() {
        try (RawClient client = RawClient.connect(DAEMON.tcpPort())) {
            RemoteError error =
                    client.callRaw(1, Xdr.encode(OpenArgs.class, new OpenArgs(Optional.of("qemu:///system"), 0)));

            assertEquals(Optional.of("authentication required"), error.message());
        }
    }

    @Test
    void theReadOnlySocketKeepsItsOwnPolicy() {
        Command.Result result =
                Command.run(Duration.ofSeconds(60), "virsh", "-r", "-c", DAEMON.unixUri("qemu", true), "hostname");

        assertEquals("card-7", result.assertSuccess().stdout().strip());
    }
}
