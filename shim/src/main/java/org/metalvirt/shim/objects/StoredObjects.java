package org.metalvirt.shim.objects;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.metalvirt.io.AtomicFiles;

/** The objects a store's directory holds, one {@code UUID.xml}/{@code UUID.json} pair each. */
public final class StoredObjects {

    private StoredObjects() {}

    /**
     * The UUIDs with a definition or runtime file in {@code dir}, in order; the temporary files of
     * writes a crash cut short are removed, as they never replaced anything.
     */
    public static Set<UUID> uuids(Path dir) throws IOException {
        Set<UUID> stored = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(AtomicFiles.TEMP_PREFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(".json") || name.endsWith(".xml")) {
                    uuidOf(name).ifPresent(stored::add);
                }
            }
        }
        return stored;
    }

    private static Optional<UUID> uuidOf(String fileName) {
        try {
            return Optional.of(UUID.fromString(fileName.substring(0, fileName.lastIndexOf('.'))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
