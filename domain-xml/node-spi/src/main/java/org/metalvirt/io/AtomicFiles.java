package org.metalvirt.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that survive a crash at any instant: the new content goes to a temporary file beside
 * the target, is forced to disk, renamed over the target, and the directory entry is forced
 * too. A reader sees the old file or the new one, never a part of either.
 */
public final class AtomicFiles {

    /** Temporary files start with this; a crash may leave them, and loading removes them. */
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {}

    public static void write(Path target, byte[] content) throws IOException {
        replace(target, content, true);
        syncDirectory(target.getParent());
    }

    /**
     * Replaces {@code target} atomically; with {@code durable}, the content is on disk before the
     * rename, though the rename itself is durable only once the directory is forced. Without it,
     * the file survives a crash of the process (the kernel has it) but not of the machine: what a
     * runtime directory on tmpfs keeps.
     */
    public static void replace(Path target, byte[] content, boolean durable) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, ".part");
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (durable) {
                    channel.force(true);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void delete(Path target) throws IOException {
        if (Files.deleteIfExists(target)) {
            syncDirectory(target.getParent());
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
