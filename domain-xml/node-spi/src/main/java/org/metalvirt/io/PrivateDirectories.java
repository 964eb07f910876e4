package org.metalvirt.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories only the daemon's user may enter: the state directory and each store under it.
 * They are created 0700 whatever the umask (which can only take bits away from that, never add
 * any, so there is no instant at which others may write there), then set to exactly 0700, which
 * also closes one left open by an earlier run: otherwise another user could plant a definition
 * the daemon loads at its next start.
 */
public final class PrivateDirectories {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> CREATE_OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);

    private PrivateDirectories() {}

    /** Creates {@code dir} (and missing parents) as 0700, or makes an existing one 0700. */
    public static Path create(Path dir) throws IOException {
        Files.createDirectories(dir, CREATE_OWNER_ONLY);
        if (!Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return dir;
    }
}
