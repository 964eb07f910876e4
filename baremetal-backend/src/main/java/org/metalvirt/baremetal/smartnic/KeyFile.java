package org.metalvirt.baremetal.smartnic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.metalvirt.error.Failures;

/**
 * A secret handed to a tool as a file: in a directory of its own that only the daemon's user can
 * enter (0700), the file 0600, both removed when closed.
 */
final class KeyFile implements AutoCloseable {

    private final Path dir;
    private final Path path;

    private KeyFile(Path dir, Path path) {
        this.dir = dir;
        this.path = path;
    }

    static KeyFile holding(String content) {
        try {
            Path dir = Files.createTempDirectory(
                    "metalvirt-key-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path path = dir.resolve("key");
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(path, content, StandardCharsets.US_ASCII);
            return new KeyFile(dir, path);
        } catch (IOException e) {
            throw Failures.failed("cannot write a key file for a disk's secret: " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw Failures.failed("cannot remove the key file " + path + ": " + e.getMessage(), e);
        }
    }
}
