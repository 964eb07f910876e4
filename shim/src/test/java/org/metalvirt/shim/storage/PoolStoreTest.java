package org.metalvirt.shim.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool's file as the daemon writes it (and did with jackson-databind), byte for byte: an older or
 * a newer daemon reads what this one wrote, and the other way round.
 */
class PoolStoreTest {

    private static final String UUID = "3d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e03";
    private static final String XML = PoolXml.format(
            PoolXml.parse("<pool type='dir'><name>images</name><uuid>" + UUID
                    + "</uuid><target><path>/srv/images</path></target></pool>"),
            Optional.empty());
    private static final String STORED =
            "{\"xml\":\"" + XML.replace("\n", "\\n") + "\",\"persistent\":true,\"active\":false,\"autostart\":true}";

    @TempDir
    Path state;

    private Path file() {
        return state.resolve("storage-pools").resolve(UUID + ".json");
    }

    @Test
    void aPoolIsWrittenInItsFormat() throws IOException {
        PoolStore store = new PoolStore(state);
        store.save(new PoolRecord(PoolXml.parse(XML), true, false, true, Optional.empty()));
        store.close();

        assertEquals(STORED, Files.readString(file()));
    }

    @Test
    void aPoolInItsFormatIsRead() throws IOException {
        Files.writeString(
                Files.createDirectories(state.resolve("storage-pools")).resolve(UUID + ".json"), STORED);

        assertEquals(List.of(new PoolStore.Stored(XML, true, false, true)), new PoolStore(state).load());
    }

    @Test
    void keysOfANewerVersionAreSkippedAndMissingOnesAreOff() throws IOException {
        Files.writeString(
                Files.createDirectories(state.resolve("storage-pools")).resolve(UUID + ".json"),
                "{\"xml\":\"" + XML.replace("\n", "\\n") + "\",\"persistent\":true,\"quota\":[1,2]}");

        assertEquals(List.of(new PoolStore.Stored(XML, true, false, false)), new PoolStore(state).load());
    }
}
