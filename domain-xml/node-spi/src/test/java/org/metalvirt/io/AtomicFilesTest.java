package org.metalvirt.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aReplacedFileHoldsTheNewContentAndNoTemporaryFileIsLeft() throws IOException {
        Path file = dir.resolve("a.json");
        AtomicFiles.replace(file, new byte[] {1}, false);
        AtomicFiles.write(file, new byte[] {2, 3});

        assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(file));
        try (var names = Files.list(dir)) {
            assertTrue(names.allMatch(file::equals));
        }
    }

    @Test
    void removeRemovesAFileThereAndSaysSo() throws IOException {
        Path file = dir.resolve("a.json");
        Files.write(file, new byte[] {1});

        assertTrue(AtomicFiles.remove(file));
        assertFalse(Files.exists(file));
    }

    @Test
    void aFileNotThereIsNotRemovedAndNoFailure() throws IOException {
        assertFalse(AtomicFiles.remove(dir.resolve("never-written.xml")));
    }

    @Test
    void aFileThatCannotBeRemovedFailsWithItsReason() throws IOException {
        Path held = dir.resolve("a.json");
        Files.createDirectories(held.resolve("inside"));

        assertThrows(DirectoryNotEmptyException.class, () -> AtomicFiles.remove(held));
        assertTrue(Files.exists(held));
    }
}
