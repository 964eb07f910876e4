package org.metalvirt.shim.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A throwaway PKI made by {@code tls/mkpki.sh} (openssl): the daemon's {@code server} directory and
 * one client directory per case (good, revoked, expired, another CA, ...), under libvirt's names.
 */
public final class Pki {

    private final Path dir;

    private Pki(Path dir) {
        this.dir = dir;
    }

    private static Pki shared;

    /** One PKI for every test of the run that only reads it: openssl's RSA keys take seconds each. */
    public static synchronized Pki shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /** A PKI of its own, with its own CA. */
    public static Pki create() {
        try {
            Path dir = Files.createTempDirectory("mvd-pki");
            // Shared by test classes, so gone with the test JVM rather than with one class.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            Path script = dir.resolve("mkpki.sh");
            try (InputStream in = Pki.class.getResourceAsStream("/tls/mkpki.sh")) {
                Files.copy(in, script);
            }
            Command.run(
                            Duration.ofSeconds(120),
                            "sh",
                            script.toString(),
                            dir.resolve("pki").toString())
                    .assertSuccess();
            return new Pki(dir.resolve("pki"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Left in the temporary directory.
        }
    }

    /** A directory of the PKI: {@code server}, {@code client}, {@code revoked}, .... */
    public Path dir(String name) {
        return dir.resolve(name);
    }

    /** {@code qemu+tls://127.0.0.1:PORT/system?pkipath=DIR} for client directory {@code client}. */
    public String uri(int port, String client) {
        return "qemu+tls://127.0.0.1:" + port + "/system?pkipath=" + dir(client);
    }
}
