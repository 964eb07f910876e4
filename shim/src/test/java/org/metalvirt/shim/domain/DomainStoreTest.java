package org.metalvirt.shim.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.io.BehindReply;

/** The definition in the state directory, written once per change; the runtime state in the runtime directory. */
class DomainStoreTest {

    @TempDir
    Path state;

    @TempDir
    Path run;

    private static DomainDefinition definition(String name) {
        return DomainXml.parse("<domain type='kvm'><name>" + name
                + "</name><memory unit='GiB'>4</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>");
    }

    private Path definitionFile(DomainRecord record) {
        return state.resolve("domains").resolve(record.uuid() + ".xml");
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** The store reopened after a clean stop: its journal written out into the files. */
    private DomainStore reopened(DomainStore store) {
        store.close();
        DomainStore again = new DomainStore(state, run);
        again.load("node0");
        return again;
    }

    /** A definition as this version writes it, so that {@link DomainDefinition#xml()} gives it back unchanged. */
    private static final String GOLDEN_XML = """
            <domain type='kvm'>
              <name>golden-1</name>
              <uuid>1d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e01</uuid>
              <memory unit='GiB'>4</memory>
              <vcpu>2</vcpu>
              <os>
                <type>hvm</type>
              </os>
            </domain>
            """;
    /** The same, as a JSON string's content. */
    private static final String GOLDEN_XML_JSON = GOLDEN_XML.replace("\n", "\\n");

    // The files as the daemon writes them (and did with jackson-databind): byte for byte, so that
    // an older or a newer daemon reads what this one wrote, and the other way round.
    private static final String GOLDEN_HEADER = "<!-- metalvirt {\"autostart\":true,\"node\":\"rack\\u002d7\"} -->\n";
    private static final String GOLDEN_RUNNING = "{\"name\":\"golden-1\",\"autostart\":true,\"node\":\"rack-7\","
            + "\"id\":4,\"state\":\"RUNNING\",\"reason\":1,\"liveXml\":\"" + GOLDEN_XML_JSON + "\","
            + "\"addresses\":{\"disk0\":\"0000:03:00.0\"},\"shutdownRequested\":false}";
    /** A null component is left out: here the live definition of a domain asked to shut down while off. */
    private static final String GOLDEN_SHUTTING_DOWN = "{\"name\":\"golden-1\",\"autostart\":false,\"node\":\"node0\","
            + "\"id\":-1,\"state\":\"SHUTOFF\",\"reason\":0,\"addresses\":{},\"shutdownRequested\":true}";

    private Path runtimeFile(DomainRecord record) {
        return run.resolve("domains").resolve(record.uuid() + ".json");
    }

    @Test
    void theFilesAreWrittenInTheirFormatByteForByte() throws IOException {
        DomainStore store = new DomainStore(state, run);
        DomainDefinition definition = DomainXml.parse(GOLDEN_XML);
        DomainRecord running = DomainRecord.inactive(definition, true, "rack-7")
                .withAutostart(true)
                .started(4, definition, DomainStatus.RUNNING_BOOTED, Map.of("disk0", "0000:03:00.0"));
        store.save(running);
        assertEquals(GOLDEN_RUNNING, Files.readString(runtimeFile(running)));
        store.close(); // the definition goes through the directory's journal
        assertEquals(GOLDEN_HEADER + GOLDEN_XML, Files.readString(definitionFile(running)));

        DomainRecord asked = DomainRecord.inactive(definition, true, "node0").withShutdownRequested();
        new DomainStore(state, run).save(asked);
        assertEquals(GOLDEN_SHUTTING_DOWN, Files.readString(runtimeFile(asked)));
    }

    @Test
    void filesInTheirFormatAreRead() throws IOException {
        Path domains = Files.createDirectories(state.resolve("domains"));
        Files.writeString(domains.resolve("1d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e01.xml"), GOLDEN_HEADER + GOLDEN_XML);
        Path runtime = Files.createDirectories(run.resolve("domains"));
        Files.writeString(runtime.resolve("1d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e01.json"), GOLDEN_RUNNING);

        DomainRecord loaded = new DomainStore(state, run).load("node0").get(0);

        assertEquals("golden-1", loaded.name());
        assertEquals("rack-7", loaded.node());
        assertTrue(loaded.autostart());
        assertEquals(GOLDEN_XML, loaded.config().orElseThrow().xml());
        assertEquals(GOLDEN_XML, loaded.live().orElseThrow().xml());
        assertEquals(4, loaded.id());
        assertEquals(DomainStatus.RUNNING_BOOTED, loaded.status());
        assertEquals(Map.of("disk0", "0000:03:00.0"), loaded.addresses());
        assertFalse(loaded.shutdownRequested());
    }

    @Test
    void aRuntimeFileWithKeysOfANewerVersionOrNullsIsRead() throws IOException {
        Files.writeString(
                Files.createDirectories(state.resolve("domains")).resolve("1d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e01.xml"),
                GOLDEN_HEADER + GOLDEN_XML);
        Files.writeString(
                Files.createDirectories(run.resolve("domains")).resolve("1d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e01.json"),
                GOLDEN_RUNNING
                        .replace("\"id\":4,", "\"id\":4,\"later\":{\"a\":[1,{\"b\":null}]},")
                        .replace("\"shutdownRequested\":false", "\"shutdownRequested\":null"));

        DomainRecord loaded = new DomainStore(state, run).load("node0").get(0);

        assertEquals(4, loaded.id());
        assertEquals(DomainStatus.RUNNING_BOOTED, loaded.status());
        assertFalse(loaded.shutdownRequested(), "null is false, as a missing key");
    }

    @Test
    void aHeaderWithoutAutostartIsReadAsOff() throws IOException {
        Files.writeString(
                Files.createDirectories(state.resolve("domains")).resolve("1d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e01.xml"),
                GOLDEN_HEADER.replace("\"autostart\":true,", "") + GOLDEN_XML);

        DomainRecord loaded = new DomainStore(state, run).load("node0").get(0);

        assertFalse(loaded.autostart());
        assertEquals("rack-7", loaded.node());
    }

    @Test
    void aHeaderWithAKeyThisVersionDoesNotKnowLeavesTheDomainUnloadedAndItsFileInPlace() throws IOException {
        Path file =
                Files.createDirectories(state.resolve("domains")).resolve("1d6a1bd0-0c5e-4e3f-a1a7-6f2b8f7c9e01.xml");
        String text = GOLDEN_HEADER.replace("{", "{\"pinned\":true,") + GOLDEN_XML;
        Files.writeString(file, text);

        assertEquals(List.of(), new DomainStore(state, run).load("node0"));
        assertEquals(text, Files.readString(file));
    }

    @Test
    void aStartOrAStopWritesTheRuntimeDirectoryAndLeavesWhatIsDefinedAsItWas() throws IOException {
        DomainStore store = new DomainStore(state, run);
        DomainDefinition definition = definition("web-1");
        DomainRecord defined = DomainRecord.inactive(definition, true, "node0");
        store.save(defined);
        store = reopened(store);
        Object definitionWritten = fileKey(definitionFile(defined));
        Path runtime = run.resolve("domains").resolve(defined.uuid() + ".json");
        assertFalse(Files.exists(runtime), "a shut-off domain has no runtime state");
        assertFalse(Files.exists(state.resolve("domains").resolve(defined.uuid() + ".json")), "one file is defined");

        DomainRecord running =
                defined.started(3, definition, DomainStatus.RUNNING_BOOTED, Map.of("disk0", "0000:03:00.0"));
        store.save(running);
        assertTrue(Files.exists(runtime));
        store.save(running.stopped(DomainStatus.SHUTOFF_DESTROYED));
        store = reopened(store);

        // Every write replaces the file (a new inode), so the same inode means it was not written.
        assertEquals(definitionWritten, fileKey(definitionFile(defined)));
        assertFalse(Files.exists(runtime), "stopped, it is shut off (reason unknown after a restart, as libvirt's)");
        store.save(running.withAutostart(true));
        reopened(store);
        assertNotEquals(definitionWritten, fileKey(definitionFile(defined)), "autostart is part of what is defined");
    }

    /** A restarted daemon reads back from the server's power whether a domain runs; nothing else of its runtime state. */
    @Test
    void onlyWhatTheServersPowerSaysIsWrittenBehindTheReply() throws IOException {
        DomainStore store = new DomainStore(state, run);
        DomainDefinition definition = definition("web-1");
        DomainRecord starting = DomainRecord.inactive(definition, true, "node0")
                .started(3, definition, DomainStatus.PAUSED_STARTING_UP, Map.of());
        Path runtime = run.resolve("domains").resolve(starting.uuid() + ".json");

        BehindReply.serving(
                () -> {
                    store.save(starting);
                    assertTrue(Files.readString(runtime).contains("\"PAUSED\""), "before the press: at once");
                    store.save(starting.in(DomainStatus.RUNNING_BOOTED));
                    assertTrue(Files.readString(runtime).contains("\"PAUSED\""), "the server's power says it");
                },
                e -> fail(e));
        assertTrue(Files.readString(runtime).contains("\"RUNNING\""));

        DomainRecord running = starting.in(DomainStatus.RUNNING_BOOTED);
        BehindReply.serving(
                () -> {
                    DomainRecord withDisk = running.withLive(definition, Map.of("disk0", "0000:03:00.0"));
                    store.save(withDisk);
                    assertTrue(Files.readString(runtime).contains("0000:03:00.0"), "a card's device: at once");
                    store.save(withDisk.in(DomainStatus.NOSTATE));
                    assertTrue(Files.readString(runtime).contains("\"NOSTATE\""), "not running: at once");
                    store.save(running.stopped(DomainStatus.SHUTOFF_DESTROYED));
                    assertTrue(Files.exists(runtime), "the server's power says it");
                },
                e -> fail(e));
        assertFalse(Files.exists(runtime));

        // Started paused, its server is off by design: found off, it would stay paused.
        store.save(DomainRecord.inactive(definition, true, "node0")
                .started(4, definition, DomainStatus.PAUSED_USER, Map.of()));
        BehindReply.serving(
                () -> {
                    store.save(running.stopped(DomainStatus.SHUTOFF_DESTROYED));
                    assertFalse(Files.exists(runtime), "paused before its first power-on: at once");
                },
                e -> fail(e));
    }

    @Test
    void theDefinitionFileHoldsTheDefinitionExactlyAsDefinedAfterOneCommentLine() throws IOException {
        DomainStore store = new DomainStore(state, run);
        DomainDefinition definition = definition("x--y");
        DomainRecord record = DomainRecord.inactive(definition, true, "rack--7").withAutostart(true);
        store.save(record);
        store.close();

        String file = Files.readString(definitionFile(record));
        String header = file.substring(0, file.indexOf('\n') + 1);
        assertTrue(header.startsWith("<!-- ") && header.endsWith(" -->\n"), header);
        assertFalse(header.substring(4, header.length() - 4).contains("--"), "nothing ends the comment early");
        assertEquals(definition.xml(), file.substring(header.length()));
        DomainRecord loaded = new DomainStore(state, run).load("node0").get(0);
        assertEquals("rack--7", loaded.node());
        assertTrue(loaded.autostart());
        assertEquals(definition.xml(), loaded.config().orElseThrow().xml());
    }

    @Test
    void aDefinitionWithTheCompanionFileOfAnEarlierVersionIsReadAndRewrittenAsOneFileAtItsNextChange()
            throws IOException {
        DomainDefinition definition = definition("older-1");
        Path domains = Files.createDirectories(state.resolve("domains"));
        Files.writeString(domains.resolve(definition.uuid() + ".xml"), definition.xml());
        Path companion = domains.resolve(definition.uuid() + ".json");
        Files.writeString(companion, "{\"name\":\"older-1\",\"autostart\":true,\"node\":\"node3\"}");

        DomainStore store = new DomainStore(state, run);
        DomainRecord loaded = store.load("node0").get(0);
        assertEquals("node3", loaded.node());
        assertTrue(loaded.autostart());

        store.save(loaded.withAutostart(false));
        store.close();
        assertFalse(Files.exists(companion));
        DomainRecord again = new DomainStore(state, run).load("node0").get(0);
        assertEquals("node3", again.node());
        assertFalse(again.autostart());
        assertEquals(definition.xml(), again.config().orElseThrow().xml());
    }

    @Test
    void withTheRuntimeDirectoryEmptiedADefinedDomainIsBackInactiveOnItsNodeWithItsAutostart() throws IOException {
        DomainStore store = new DomainStore(state, run);
        DomainDefinition definition = definition("db-1");
        DomainRecord record = DomainRecord.inactive(definition, true, "node2").withAutostart(true);
        store.save(record.started(5, definition, DomainStatus.RUNNING_BOOTED, Map.of()));
        Files.delete(run.resolve("domains").resolve(record.uuid() + ".json"));

        DomainRecord loaded = new DomainStore(state, run).load("node0").get(0);

        assertEquals(record.uuid(), loaded.uuid());
        assertEquals("node2", loaded.node());
        assertTrue(loaded.autostart());
        assertFalse(loaded.active());
        assertEquals(-1, loaded.id());
    }

    @Test
    void concurrentDefinitionsAreAllWrittenAndAllLoaded() throws Exception {
        DomainStore store = new DomainStore(state, run);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> saves = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                DomainRecord record = DomainRecord.inactive(definition("d-" + i), true, "node0");
                saves.add(writers.submit(() -> store.save(record)));
            }
            for (Future<?> save : saves) {
                save.get();
            }
        } finally {
            writers.shutdown();
        }

        assertEquals(64, new DomainStore(state, run).load("node0").size());
    }

    @Test
    void aStateDirectoryOfAnEarlierVersionWithItsRuntimeStateBesideTheDefinitionIsRead() throws IOException {
        DomainDefinition definition = definition("old-1");
        DomainRecord running = DomainRecord.inactive(definition, true, "node1")
                .started(9, definition, DomainStatus.RUNNING_BOOTED, Map.of());
        DomainStore store = new DomainStore(state, run);
        store.save(running);
        store.close();
        // An earlier version kept the definition as given, and the runtime file beside it.
        Files.writeString(definitionFile(running), definition.xml());
        Files.move(
                run.resolve("domains").resolve(running.uuid() + ".json"),
                state.resolve("domains").resolve(running.uuid() + ".json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        DomainRecord loaded = new DomainStore(state, run).load("node0").get(0);

        assertEquals(DomainStatus.RUNNING_BOOTED, loaded.status());
        assertEquals(9, loaded.id());
        assertEquals("node1", loaded.node());
    }
}
