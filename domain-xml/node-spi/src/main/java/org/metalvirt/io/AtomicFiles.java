package org.metalvirt.io;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes that survive a crash at any instant: the new content goes to a temporary file beside
 * the target, is forced to disk, renamed over the target, and the directory entry is forced
 * too. A reader sees the old file or the new one, never a part of either.
 */
public final class AtomicFiles {

    /** Temporary files start with this; a crash may leave them, and loading removes them. */
    public static final String TEMP_PREFIX = ".tmp-";

    private static final Set<StandardOpenOption> NEW_FILE =
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

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
        Path temp = target.resolveSibling(
                TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        boolean moved = false;
        try {
            try (FileChannel channel = create(temp)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (durable) {
                    channel.force(true);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * A new file only the owner may read, opened once: O_EXCL never follows a link nor reuses a file,
     * so its random name needs no more than to be unlikely to collide. The directory is made if missing.
     */
    private static FileChannel create(Path temp) throws IOException {
        try {
            return FileChannel.open(temp, NEW_FILE, OWNER_ONLY);
        } catch (NoSuchFileException e) {
            Files.createDirectories(temp.getParent());
            return FileChannel.open(temp, NEW_FILE, OWNER_ONLY);
        }
    }

    public static void delete(Path target) throws IOException {
        if (remove(target)) {
            syncDirectory(target.getParent());
        }
    }

    /**
     * Removes {@code file} if it is there (then true), with one {@code unlink}, not forced. {@code
     * Files.deleteIfExists} runs an {@code lstat} first and, for a file not there, makes an exception
     * with its stack trace: a checkpoint removes many a file never written (a domain undefined before
     * it), and a destroy one runtime file. It is asked only for the reason of a failure.
     */
    public static boolean remove(Path file) throws IOException {
        File plain = file.toFile();
        if (plain.delete()) {
            return true;
        }
        if (!plain.exists()) {
            return false;
        }
        Files.delete(file);
        return true;
    }

    /** Forces a file written without {@code durable}, by name (fsync works on a read-only descriptor). */
    static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
