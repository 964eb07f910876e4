package org.metalvirt.io;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change is durable when sync returns, though its file is written later: a crash is a new open
 * of the directory while the earlier instance still holds its changes only in the journal (its
 * checkpoint an hour away), which is what a kill -9 right after a define leaves.
 */
class DurableDirectoryTest {

    private static final long NEVER = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    private DurableDirectory open() throws IOException {
        return DurableDirectory.open(dir, NEVER);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    @Test
    void aSyncedChangeIsInItsFileAfterACrashBeforeTheCheckpoint() throws IOException {
        DurableDirectory before = open();
        before.write("a.xml", bytes("one"));
        before.write("b.xml", bytes("two"));
        before.write("a.xml", bytes("three"));
        assertFalse(Files.exists(dir.resolve("a.xml")), "not checkpointed yet: only the journal has it");
        assertTrue(before.exists("a.xml"));

        open(); // the restart: the journal replayed

        assertEquals("three", read("a.xml"));
        assertEquals("two", read("b.xml"));
    }

    @Test
    void theJournalIsMadeWhenAskedBeforeAnyChange() throws IOException {
        try (DurableDirectory directory = open()) {
            directory.prepareSoon();
            for (String name : List.of(".journal-0", ".journal-1")) {
                Path journal = dir.resolve(name);
                await().until(() -> Files.exists(journal));
                // Zeros: nothing to replay.
                assertArrayEquals(new byte[DurableDirectory.CAPACITY], Files.readAllBytes(journal), name);
            }
            directory.write("a.xml", bytes("one"));
        }
        assertEquals("one", read("a.xml"));
    }

    @Test
    void aRemovalIsJournaledToo() throws IOException {
        DurableDirectory before = open();
        before.write("a.xml", bytes("one"));
        before.checkpoint();
        assertEquals("one", read("a.xml"));

        before.delete("a.xml");
        assertFalse(before.exists("a.xml"));
        assertTrue(Files.exists(dir.resolve("a.xml")), "removed at the checkpoint");
        open();

        assertFalse(Files.exists(dir.resolve("a.xml")));
    }

    @Test
    void aFileWrittenAndRemovedBeforeItsCheckpointLeavesNothingAndTheCheckpointSucceeds() throws IOException {
        DurableDirectory directory = open();
        directory.write("a.xml", bytes("one"));
        directory.delete("a.xml");

        directory.checkpoint(); // removes a file that was never written: no failure

        assertFalse(Files.exists(dir.resolve("a.xml")));
        open();
        assertFalse(Files.exists(dir.resolve("a.xml")), "nothing replayed");
    }

    @Test
    void aCheckpointWritesTheFilesAndEmptiesTheJournal() throws IOException {
        DurableDirectory directory = open();
        directory.write("a.xml", bytes("one"));
        directory.checkpoint();
        assertEquals("one", read("a.xml"));
        // An operator edits the file while the daemon is stopped: a restart replays nothing over it.
        directory.close();
        Files.writeString(dir.resolve("a.xml"), "edited");

        open();

        assertEquals("edited", read("a.xml"));
    }

    @Test
    void aTornOrCorruptTailIsIgnoredAndWhatPrecedesItReplayed() throws IOException {
        DurableDirectory before = open();
        before.write("a.xml", bytes("one"));
        before.write("b.xml", bytes("two"));
        Path journal = activeJournal();
        long end = journalEnd(journal);
        // The last record's final byte flipped (a torn write), then garbage where nothing was written.
        flip(journal, end - 1);
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 5, 6, 7, 8}), end);
        }

        open();

        assertEquals("one", read("a.xml"));
        assertFalse(Files.exists(dir.resolve("b.xml")), "its record does not check: never acknowledged");
    }

    @Test
    void replayingAgainGivesTheSameFiles() throws IOException {
        DurableDirectory before = open();
        before.write("a.xml", bytes("one"));
        before.write("b.xml", bytes("two"));
        before.delete("b.xml");
        before.write("c.xml", bytes("three"));
        // A crash during the replay: the journal as it was, and some files already written.
        Path saved = Files.createTempDirectory("journal");
        for (String name : List.of(".journal-0", ".journal-1")) {
            Files.copy(dir.resolve(name), saved.resolve(name));
        }
        open();
        Files.delete(dir.resolve("c.xml"));
        for (String name : List.of(".journal-0", ".journal-1")) {
            Files.copy(saved.resolve(name), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        open();
        open(); // and once more, with nothing left to replay

        assertEquals("one", read("a.xml"));
        assertFalse(Files.exists(dir.resolve("b.xml")));
        assertEquals("three", read("c.xml"));
    }

    @Test
    void changesSpanningBothJournalFilesReplayInOrder() throws IOException {
        DurableDirectory before = open();
        byte[] big = new byte[DurableDirectory.CAPACITY / 4];
        for (int i = 0; i < 12; i++) {
            big[0] = (byte) i;
            before.write("big.bin", big); // a full file swaps to the other one, its checkpoint begun
            before.write("n.txt", bytes(Integer.toString(i)));
        }

        open();

        assertEquals("11", read("n.txt"));
        assertEquals(11, Files.readAllBytes(dir.resolve("big.bin"))[0]);
    }

    @Test
    @Timeout(60) // without the refusal, the writer would wait for a checkpoint that never succeeds
    void aFullJournalWhoseFilesCannotBeWrittenRefusesTheChangeRatherThanWaitForever() throws IOException {
        DurableDirectory directory = open();
        // A directory where a file is to be renamed: its checkpoint fails, as on a full disk.
        Files.createDirectories(dir.resolve("blocked.xml").resolve("inside"));
        directory.write("blocked.xml", bytes("x"));
        byte[] big = new byte[DurableDirectory.CAPACITY / 4];

        IOException refused = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 64; i++) {
                directory.write("big-" + i, big);
            }
        });

        assertTrue(refused.getMessage().contains("cannot be written"), refused.getMessage());
    }

    @Test
    void concurrentWritersAreAllDurable() throws Exception {
        DurableDirectory before = open();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String name = i + ".xml";
                writes.add(writers.submit(() -> {
                    before.write(name, bytes(name));
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdown();
        }

        open();

        for (int i = 0; i < 200; i++) {
            assertEquals(i + ".xml", read(i + ".xml"));
        }
    }

    @Test
    void theJournalAndTheFilesAreTheOwnersAlone() throws IOException {
        DurableDirectory directory = open();
        directory.write("secret.base64", bytes("c2VjcmV0"));
        directory.close();

        for (String name : List.of(".journal-0", ".journal-1", "secret.base64")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))));
        }
        assertArrayEquals(bytes("c2VjcmV0"), Files.readAllBytes(dir.resolve("secret.base64")));
    }

    /** The journal file with the newest valid header. */
    private Path activeJournal() throws IOException {
        Path newest = null;
        long generation = 0;
        for (String name : List.of(".journal-0", ".journal-1")) {
            try (JournalFile file = JournalFile.open(dir.resolve(name), DurableDirectory.CAPACITY)) {
                long its = file.read().generation();
                if (its > generation) {
                    generation = its;
                    newest = dir.resolve(name);
                }
            }
        }
        return newest;
    }

    /** Where the last record of a journal file ends: after its header, each record's length and 16 bytes. */
    private static long journalEnd(Path journal) throws IOException {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
            long position = JournalFile.HEADER;
            ByteBuffer length = ByteBuffer.allocate(4);
            while (true) {
                channel.read(length.clear(), position);
                int its = length.getInt(0);
                if (its == 0) {
                    return position;
                }
                position += 16 + its;
            }
        }
    }

    private static void flip(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0xff));
            channel.write(one.rewind(), position);
        }
    }
}
