package org.metalvirt.shim.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Autostart runs once per boot of the card, as libvirt's drivers run it (domains and networks
 * alike): the first daemon start leaves a file {@code autostarted} in the driver's runtime
 * directory, which a reboot empties. A daemon restarted (an upgrade, a crash) finds it and starts
 * nothing, so a domain or network an operator stopped stays stopped.
 */
public final class AutostartMarker {

    public static final String FILE = "autostarted";

    private AutostartMarker() {}

    /** True the first time it is asked since {@code runtimeDir} was emptied; it is marked then. */
    public static boolean firstSinceBoot(Path runtimeDir) {
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
