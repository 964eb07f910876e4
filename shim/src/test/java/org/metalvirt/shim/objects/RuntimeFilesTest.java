package org.metalvirt.shim.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.io.BehindReply;

class RuntimeFilesTest {

    record State(String name, int id) {}

    private static final UUID WEB = UUID.fromString("1d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e01");

    @TempDir
    Path dir;

    @Test
    void aStateIsReadBackAsSaved() throws IOException {
        new RuntimeFiles<>(dir, State.class).save(WEB, new State("web", 3));

        assertEquals(new State("web", 3), new RuntimeFiles<>(dir, State.class).read(WEB));
    }

    /** Text escaped as jackson-databind escaped it: controls and non-BMP characters, nothing else. */
    @Test
    void aStateIsWrittenAsTheStoresWroteItByteForByte() throws IOException {
        String name = "<x a='1'>\u00e9\u2028\t\n\"q\" \\ / -- \u0001 \ud83d\ude00 &amp;</x>";
        new RuntimeFiles<>(dir, State.class).save(WEB, new State(name, -3));

        assertEquals(
                "{\"name\":\"<x a='1'>\u00e9\u2028\\t\\n\\\"q\\\" \\\\ / -- \\u0001 \\uD83D\\uDE00 &amp;</x>\",\"id\":-3}",
                Files.readString(dir.resolve(WEB + ".json")));
        assertEquals(new State(name, -3), new RuntimeFiles<>(dir, State.class).read(WEB));
    }

    @Test
    void keysItDoesNotKnowAreSkippedAndAMissingOrNullPrimitiveIsZero() throws IOException {
        Path file = dir.resolve(WEB + ".json");
        Files.writeString(file, "{\"later\":{\"a\":[1,{}]},\"name\":\"web\"}");
        assertEquals(new State("web", 0), new RuntimeFiles<>(dir, State.class).read(WEB));

        Files.writeString(file, "{\"name\":null,\"id\":null}");
        assertEquals(new State(null, 0), new RuntimeFiles<>(dir, State.class).read(WEB));
    }

    @Test
    void anUnchangedStateIsNotWrittenAgain() throws IOException {
        RuntimeFiles<State> files = new RuntimeFiles<>(dir, State.class);
        files.save(WEB, new State("web", 3));
        Path file = dir.resolve(WEB + ".json");
        Files.writeString(file, "{\"name\":\"edited\",\"id\":3}"); // only a write would undo this

        files.save(WEB, new State("web", 3));
        assertEquals("{\"name\":\"edited\",\"id\":3}", Files.readString(file));

        files.save(WEB, new State("web", 4));
        assertEquals(new State("web", 4), new RuntimeFiles<>(dir, State.class).read(WEB));
    }

    @Test
    void aStateReadIsKnownAsWritten() throws IOException {
        new RuntimeFiles<>(dir, State.class).save(WEB, new State("web", 3));
        RuntimeFiles<State> restarted = new RuntimeFiles<>(dir, State.class);
        restarted.read(WEB);
        Path file = dir.resolve(WEB + ".json");
        Files.writeString(file, "{\"name\":\"edited\",\"id\":3}");

        restarted.save(WEB, new State("web", 3));

        assertEquals("{\"name\":\"edited\",\"id\":3}", Files.readString(file));
    }

    @Test
    void noStateRemovesTheFile() throws IOException {
        RuntimeFiles<State> files = new RuntimeFiles<>(dir, State.class);
        files.save(WEB, new State("web", 3));

        files.save(WEB, null);

        assertFalse(Files.exists(dir.resolve(WEB + ".json")));
        assertNull(new RuntimeFiles<>(dir, State.class).read(WEB));
    }

    @Test
    void deleteRemovesAFileItWroteOrRead() throws IOException {
        new RuntimeFiles<>(dir, State.class).save(WEB, new State("web", 3));
        RuntimeFiles<State> restarted = new RuntimeFiles<>(dir, State.class);
        restarted.read(WEB);

        restarted.delete(WEB);

        assertFalse(Files.exists(dir.resolve(WEB + ".json")));
    }

    /** Files that wrote {@code WEB}'s state, whose file was then removed behind their back. */
    private RuntimeFiles<State> writtenThenRemoved() throws IOException {
        RuntimeFiles<State> files = new RuntimeFiles<>(dir, State.class);
        files.save(WEB, new State("web", 3));
        Files.delete(dir.resolve(WEB + ".json"));
        return files;
    }

    @Test
    void aFileAlreadyGoneIsNoFailure() throws IOException {
        RuntimeFiles<State> files = writtenThenRemoved();

        files.delete(WEB);

        assertFalse(Files.exists(dir.resolve(WEB + ".json")));
    }

    @Test
    void aFileThatCannotBeRemovedFailsWithItsReason() throws IOException {
        RuntimeFiles<State> files = writtenThenRemoved();
        Files.createDirectories(dir.resolve(WEB + ".json").resolve("held"));

        assertThrows(DirectoryNotEmptyException.class, () -> files.delete(WEB));
    }

    @Test
    void aRemovalHeldBehindTheReplyRunsWhenTheWorkerRunsWhatItHeld() throws IOException {
        RuntimeFiles<State> files = idReadBack();
        files.save(WEB, new State("web", 3));
        Path file = dir.resolve(WEB + ".json");

        BehindReply.serving(
                () -> {
                    files.save(WEB, null);
                    assertTrue(Files.exists(file), "held until the reply is out");
                },
                e -> fail(e));

        assertFalse(Files.exists(file));
    }

    /** A removal runs late: the next start may have written the domain's state since. */
    @Test
    void aStateSavedBeforeTheHeldRemovalRunsIsKept() throws IOException {
        assertTheLaterOfTwoSavesInOneCallIsKept(null, new State("web", 4));
    }

    @Test
    void aHeldWriteOvertakenByALaterChangeLeavesTheLaterOne() throws IOException {
        assertTheLaterOfTwoSavesInOneCallIsKept(new State("web", 4), new State("www", 5));
    }

    /** Web 3 saved, then {@code first} held behind a call's reply and {@code later} saved in the same call. */
    private void assertTheLaterOfTwoSavesInOneCallIsKept(State first, State later) throws IOException {
        RuntimeFiles<State> files = idReadBack();
        files.save(WEB, new State("web", 3));

        BehindReply.serving(
                () -> {
                    files.save(WEB, first);
                    files.save(WEB, later);
                },
                e -> fail(e));

        assertEquals(later, new RuntimeFiles<>(dir, State.class).read(WEB));
    }

    /** Files whose removal, and change of id alone, is read back from the hardware. */
    private RuntimeFiles<State> idReadBack() {
        return new RuntimeFiles<>(
                dir,
                State.class,
                (before, after) -> after == null || before.name().equals(after.name()));
    }

    @Test
    void aRemovalNotReadBackFromTheHardwareRunsAtOnce() throws IOException {
        RuntimeFiles<State> files = new RuntimeFiles<>(dir, State.class);
        files.save(WEB, new State("web", 3));

        BehindReply.serving(
                () -> {
                    files.save(WEB, null);
                    assertFalse(Files.exists(dir.resolve(WEB + ".json")));
                },
                e -> fail(e));
    }

    @Test
    void aChangeReadBackFromTheHardwareIsWrittenBehindTheReplyAndAnyOtherAtOnce() throws IOException {
        RuntimeFiles<State> files = idReadBack();
        Path file = dir.resolve(WEB + ".json");

        BehindReply.serving(
                () -> {
                    files.save(WEB, new State("web", 3));
                    assertEquals(
                            new State("web", 3),
                            new RuntimeFiles<>(dir, State.class).read(WEB),
                            "a first state at once");
                    files.save(WEB, new State("web", 4));
                    assertEquals(new State("web", 3), new RuntimeFiles<>(dir, State.class).read(WEB), "held");
                },
                e -> fail(e));
        assertEquals(new State("web", 4), new RuntimeFiles<>(dir, State.class).read(WEB));

        BehindReply.serving(
                () -> {
                    files.save(WEB, new State("www", 4));
                    assertEquals("{\"name\":\"www\",\"id\":4}", Files.readString(file), "not read back: at once");
                },
                e -> fail(e));
    }
}
