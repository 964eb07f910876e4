package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Pki;
import org.metalvirt.shim.testing.Virsh;

/**
 * metalvirtd as its own process, started under umask 000: its sockets still get libvirt's modes,
 * a local client's credentials are in its log, and SIGHUP makes it serve new TLS files.
 */
class DaemonSecurityProcessTest {

    private static final Pattern TLS_PORT = Pattern.compile("tls [^ ]+:(\\d+),");

    @TempDir
    Path dir;

    @Test
    void socketsModesPeerCredentialsAndReloadOnHangup() throws IOException {
        Pki pki = Pki.shared();
        Pki renewed = Pki.create();
        Path live = Files.createDirectories(dir.resolve("pki"));
        install(pki.dir("server"), live);
        Path config = Files.writeString(
                dir.resolve("metalvirtd.yaml"), """
                listen: {tcp: "127.0.0.1:0", tls: "127.0.0.1:0", unix: %s}
                tls: {pkiDir: %s}
                stateDir: %s
                hostname: card-7
                nodes:
                  - name: node0
                    options: {powerOnMillis: "20", osShutdownMillis: "50"}
                """.formatted(dir.resolve("sock"), live, dir.resolve("state")));

        try (DaemonProcess daemon = DaemonProcess.startUnderUmask000(config, "DEBUG")) {
            assertEquals("rwx------", mode(dir.resolve("sock")));
            assertEquals("rwxrwxrwx", mode(dir.resolve("sock-ro")));

            new Virsh("qemu+unix:///system?socket=" + dir.resolve("sock")).ok("hostname");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Pattern.compile("accepted Session\\[UNIX .*pid=\\d+ uid=\\d+")
                            .matcher(daemon.log())
                            .find());

            Matcher port = TLS_PORT.matcher(daemon.log());
            assertTrue(port.find(), daemon.log());
            int tls = Integer.parseInt(port.group(1));
            assertEquals("card-7", new Virsh(pki.uri(tls, "client")).ok("hostname"));

            install(renewed.dir("server"), live);
            daemon.hangup();
            await().atMost(Duration.ofSeconds(30)).until(() -> daemon.log().contains("TLS credentials reloaded"));

            assertEquals("card-7", new Virsh(renewed.uri(tls, "client")).ok("hostname"));
            Command.Result old = new Virsh(pki.uri(tls, "client")).run("hostname");
            assertTrue(old.stderr().contains("Failed to verify peer's certificate"), old.stderr());

            // virt-admin's srv-update-tls does what SIGHUP does, and says when the files are bad.
            install(pki.dir("server"), live);
            String admin = "libvirtd:///system?socket=" + dir.resolve("sock-admin");
            Command.run(Duration.ofSeconds(60), "virt-admin", "-c", admin, "srv-update-tls", "libvirtd")
                    .assertSuccess();
            assertEquals("card-7", new Virsh(pki.uri(tls, "client")).ok("hostname"));
            Files.writeString(live.resolve("servercert.pem"), "not a certificate");
            Command.Result bad =
                    Command.run(Duration.ofSeconds(60), "virt-admin", "-c", admin, "srv-update-tls", "libvirtd");
            assertNotEquals(0, bad.exitCode());
            assertTrue(bad.stderr().contains("servercert.pem"), bad.stderr());
            assertEquals("card-7", new Virsh(pki.uri(tls, "client")).ok("hostname"));
        }
    }

    private static void install(Path from, Path to) throws IOException {
        for (String name : new String[] {"cacert.pem", "cacrl.pem", "servercert.pem", "serverkey.pem"}) {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
