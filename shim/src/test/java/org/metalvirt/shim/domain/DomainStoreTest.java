package org.metalvirt.shim.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aStartOrAStopWritesTheRuntimeDirectoryAndLeavesWhatIsDefinedAsItWas() throws IOException {
        DomainStore store = new DomainStore(state, run);
        DomainDefinition definition = definition("web-1");
        DomainRecord defined = DomainRecord.inactive(definition, true, "node0");
        store.save(defined);
        Path companion = state.resolve("domains").resolve(defined.uuid() + ".json");
        Object definitionWritten = fileKey(definitionFile(defined));
        Object companionWritten = fileKey(companion);

        DomainRecord running =
                defined.started(3, definition, DomainStatus.RUNNING_BOOTED, Map.of("disk0", "0000:03:00.0"));
        store.save(running);
        store.save(running.stopped(DomainStatus.SHUTOFF_DESTROYED));

        // Every write replaces the file (a new inode), so the same inode means it was not written.
        assertEquals(definitionWritten, fileKey(definitionFile(defined)));
        assertEquals(companionWritten, fileKey(companion));
        assertTrue(Files.exists(run.resolve("domains").resolve(defined.uuid() + ".json")));
        store.save(running.withAutostart(true));
        assertEquals(definitionWritten, fileKey(definitionFile(defined)));
        assertNotEquals(companionWritten, fileKey(companion), "autostart is part of what is defined");
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
        new DomainStore(state, run).save(running);
        // An earlier version kept the runtime file in the state directory, beside the definition.
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
