package org.metalvirt.shim.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Autostart runs once per boot of the card, as libvirt's drivers run it: the first daemon start
 * leaves a file {@code autostarted} in the runtime directory, which a reboot empties. A daemon
 * restarted (an upgrade, a crash) finds it and starts nothing, so a domain an operator stopped
 * stays stopped.
 */
final class AutostartMarker {

    static final String FILE = "autostarted";

    private AutostartMarker() {}

    /** True the first time it is asked since {@code runtimeDir} was emptied; it is marked then. */
    static boolean firstSinceBoot(Path runtimeDir) {
        Path marker = runtimeDir.resolve(FILE);
        try {
            Files.createDirectories(runtimeDir);
            Files.createFile(
                    marker, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + marker, e);
        }
    }
}
