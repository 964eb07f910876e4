package org.metalvirt.shim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.networkxml.NetworkDefinition;
import org.metalvirt.networkxml.NetworkXml;

/**
 * A network's files as the daemon writes them (and did with jackson-databind), byte for byte: an
 * older or a newer daemon reads what this one wrote, and the other way round.
 */
class NetworkStoreTest {

    private static final UUID SCRATCH = UUID.fromString("2d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e02");
    /** A definition as this version writes it, so that {@link NetworkDefinition#xml()} gives it back unchanged. */
    private static final String XML = """
            <network>
              <name>scratch</name>
              <uuid>2d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e02</uuid>
              <forward mode='hostdev'>
                <pf dev='sim0'/>
              </forward>
            </network>
            """;

    private static final String DEFINED = "{\"name\":\"scratch\",\"autostart\":true}";
    private static final String STATUS = "{\"name\":\"scratch\",\"liveXml\":\"" + XML.replace("\n", "\\n") + "\"}";

    @TempDir
    Path state;

    @TempDir
    Path run;

    private Path defined() {
        return state.resolve("networks").resolve(SCRATCH + ".json");
    }

    private Path status() {
        return run.resolve("networks").resolve(SCRATCH + ".json");
    }

    @Test
    void anActiveAutostartedNetworksFilesAreWrittenInTheirFormat() throws IOException {
        NetworkDefinition definition = NetworkXml.parse(XML);
        NetworkStore store = new NetworkStore(state, run);
        store.save(new NetworkRecord(SCRATCH, "scratch", Optional.of(definition), Optional.of(definition), true));
        store.close();

        assertEquals(XML, Files.readString(state.resolve("networks").resolve(SCRATCH + ".xml")));
        assertEquals(DEFINED, Files.readString(defined()));
        assertEquals(STATUS, Files.readString(status()));
    }

    @Test
    void filesInTheirFormatAreRead() throws IOException {
        Files.writeString(Files.createDirectories(state.resolve("networks")).resolve(SCRATCH + ".xml"), XML);
        Files.writeString(defined(), DEFINED);
        Files.writeString(Files.createDirectories(run.resolve("networks")).resolve(SCRATCH + ".json"), STATUS);

        List<NetworkRecord> loaded = new NetworkStore(state, run).load();

        assertEquals(1, loaded.size());
        NetworkRecord network = loaded.get(0);
        assertEquals(SCRATCH, network.uuid());
        assertEquals("scratch", network.name());
        assertTrue(network.autostart());
        assertEquals(XML, network.config().orElseThrow().xml());
        assertEquals(XML, network.live().orElseThrow().xml());
    }

    @Test
    void keysOfANewerVersionAreSkippedAndAMissingAutostartIsOff() throws IOException {
        Files.writeString(Files.createDirectories(state.resolve("networks")).resolve(SCRATCH + ".xml"), XML);
        Files.writeString(defined(), "{\"name\":\"scratch\",\"mtu\":{\"size\":[9000]}}");
        Files.writeString(
                Files.createDirectories(run.resolve("networks")).resolve(SCRATCH + ".json"),
                STATUS.replace("{", "{\"since\":17,"));

        NetworkRecord loaded = new NetworkStore(state, run).load().get(0);

        assertFalse(loaded.autostart());
        assertEquals(XML, loaded.live().orElseThrow().xml());
    }
}
