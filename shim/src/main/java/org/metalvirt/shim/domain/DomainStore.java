package org.metalvirt.shim.domain;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.io.AtomicFiles;
import org.metalvirt.io.DurableDirectory;
import org.metalvirt.io.PrivateDirectories;
import org.metalvirt.shim.objects.ObjectStore;
import org.metalvirt.shim.objects.RuntimeFiles;
import org.metalvirt.shim.objects.StoredJson;
import org.metalvirt.shim.objects.StoredObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where domains are kept, as libvirt keeps them. The state directory holds what is defined:
 * {@code UUID.xml}, the persistent definition exactly as defined under a comment line with its
 * node and autostart ({@link DefinitionFile}); it is written durably when it changes, and only
 * then: one file forced, renamed, and the directory's fsync shared by concurrent writers. The
 * runtime directory holds {@code UUID.json}, the runtime state (id, state, live definition, card
 * addresses), replaced atomically on every change but never forced:
 * it survives the daemon, not a reboot of the card. A definition without runtime state is a
 * defined domain, shut off, so no crash and no reboot can lose one; a shut-off domain has no
 * runtime file at all, as libvirt keeps status only for active domains.
 */
final class DomainStore implements ObjectStore<DomainRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainStore.class);

    /** The runtime half of a domain, as stored (nulls left out); older daemons kept it in the state directory. */
    record Runtime(
            String name,
            boolean autostart,
            String node,
            int id,
            String state,
            int reason,
            String liveXml,
            Map<String, String> addresses,
            boolean shutdownRequested)
            implements RuntimeFiles.OwnJson {

        @Override
        public byte[] json() throws IOException {
            return RuntimeJson.write(this);
        }

        /**
         * Whether a restarted daemon that found the file still holding {@code before} would make
         * it {@code after} (null: shut off, no file) from the server's power ({@link Reconciler}):
         * a server found on makes any active domain running, and one found off shuts it off,
         * unless it is paused before its first power-on. Such a change is written behind the reply.
         */
        static boolean readBack(Runtime before, Runtime after) {
            if (after == null) {
                return !DomainState.PAUSED.name().equals(before.state)
                        || before.reason == DomainStatus.PAUSED_STARTING_UP.reason();
            }
            return DomainState.RUNNING.name().equals(after.state)
                    && before.equals(new Runtime(
                            after.name,
                            after.autostart,
                            after.node,
                            after.id,
                            before.state,
                            before.reason,
                            after.liveXml,
                            after.addresses,
                            after.shutdownRequested));
        }
    }

    /** What was last written durably for a domain: unchanged, nothing is written again. */
    private record Written(String xml, DefinitionFile.Defined defined) {}

    /** Compares and hashes a {@link Written} once, as a define does ({@link DefineWarmUp}). */
    static boolean warmUp(DefinitionFile.Defined defined) {
        Written written = new Written("", defined);
        return written.equals(new Written("", defined)) && written.hashCode() == new Written("", defined).hashCode();
    }

    private final DurableDirectory state;
    private final RuntimeFiles<Runtime> runtimeFiles;
    private final Map<UUID, Written> written = new ConcurrentHashMap<>();
    /** Domains loaded with an earlier version's {@code UUID.json} beside the definition, removed at their next write. */
    private final Set<UUID> companions = ConcurrentHashMap.newKeySet();

    private final JSON json = StoredJson.FILES;

    DomainStore(Path stateDir, Path runtimeDir) {
        this.runtimeFiles = new RuntimeFiles<>(runtimeDir.resolve("domains"), Runtime.class, Runtime::readBack);
        try {
            this.state = DurableDirectory.open(stateDir.resolve("domains"));
            PrivateDirectories.create(runtimeFiles.dir());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open " + stateDir.resolve("domains") + " or " + runtimeFiles.dir(), e);
        }
    }

    @Override
    public void save(DomainRecord record) {
        try {
            saveDefined(record);
            saveRuntime(record);
        } catch (IOException e) {
            throw failed("cannot save domain '" + record.name() + "'", e);
        }
    }

    /** Replaces the runtime file when the runtime state changed; nothing is forced (a tmpfs keeps it). */
    private void saveRuntime(DomainRecord record) throws IOException {
        // A shut-off domain has no runtime file, as libvirt keeps no status for it: it loads shut
        // off (unknown reason), as after libvirtd's restart.
        Runtime runtime = shutOff(record)
                ? null
                : new Runtime(
                        record.name(),
                        record.autostart(),
                        record.node(),
                        record.id(),
                        record.status().state().name(),
                        record.status().reason(),
                        record.live().map(DomainDefinition::xml).orElse(null),
                        record.addresses(),
                        record.shutdownRequested());
        runtimeFiles.save(record.uuid(), runtime);
    }

    /** A defined domain that is not active: loaded as such without a runtime file. */
    private static boolean shutOff(DomainRecord record) {
        return record.persistent() && !record.active() && !record.shutdownRequested();
    }

    /** Writes the definition when it or its node or autostart changed: the one durable write of a change. */
    private void saveDefined(DomainRecord record) throws IOException {
        UUID uuid = record.uuid();
        Written now = record.config()
                .map(config -> new Written(config.xml(), new DefinitionFile.Defined(record.autostart(), record.node())))
                .orElse(null);
        Written before = written.get(uuid);
        if (now == null ? before == null && !state.exists(uuid + ".xml") : now.equals(before)) {
            return;
        }
        if (now != null) {
            state.stage(uuid + ".xml", DefinitionFile.format(now.defined(), now.xml()));
        } else {
            state.unlink(uuid + ".xml");
        }
        if (companions.remove(uuid)) {
            // An earlier version's companion: the definition's own header says it all now.
            state.unlink(uuid + ".json");
        }
        state.sync();
        if (now != null) {
            written.put(uuid, now);
        } else {
            written.remove(uuid);
        }
    }

    @Override
    public void delete(UUID uuid) {
        try {
            // The definition first: a crash in between leaves runtime state without a domain,
            // which loading discards, rather than a half-undefined domain.
            // A transient domain had nothing defined: its end costs no fsync.
            written.remove(uuid);
            boolean removed = state.unlink(uuid + ".xml");
            if (companions.remove(uuid)) {
                removed = state.unlink(uuid + ".json") || removed;
            }
            if (removed) {
                state.sync();
            }
            runtimeFiles.delete(uuid);
        } catch (IOException e) {
            throw failed("cannot delete domain " + uuid, e);
        }
    }

    /** Writes what the journal holds into the definition files; nothing is lost without it. */
    @Override
    public void close() {
        state.close();
    }

    /** The definitions' journal made now, off the first define's path ({@link DurableDirectory#prepareSoon}). */
    void prepareJournal() {
        state.prepareSoon();
    }

    /** Every domain stored, as last saved; unreadable files are logged and left for an operator. */
    List<DomainRecord> load(String defaultNode) {
        Set<UUID> stored;
        try {
            stored = StoredObjects.uuids(state.path());
            stored.addAll(StoredObjects.uuids(runtimeFiles.dir()));
        } catch (IOException e) {
            throw failed("cannot read " + state.path() + " or " + runtimeFiles.dir(), e);
        }
        List<DomainRecord> records = new ArrayList<>();
        for (UUID uuid : stored) {
            load(uuid, defaultNode).ifPresent(records::add);
        }
        return records;
    }

    private Optional<DomainRecord> load(UUID uuid, String defaultNode) {
        Path definitionFile = state.path().resolve(uuid + ".xml");
        Path definedFile = state.path().resolve(uuid + ".json");
        try {
            Optional<DefinitionFile.Read> file = Files.exists(definitionFile)
                    ? Optional.of(DefinitionFile.parse(Files.readString(definitionFile)))
                    : Optional.empty();
            Optional<DomainDefinition> config = file.map(read -> DomainXml.parse(read.xml()));
            Optional<DefinitionFile.Defined> header = file.flatMap(DefinitionFile.Read::defined);
            // An earlier version's companion, read only where the definition has no header.
            Runtime defined = header.isEmpty() && Files.exists(definedFile)
                    ? json.beanFrom(Runtime.class, definedFile.toFile())
                    : null;
            boolean legacy = defined != null && defined.state() != null;
            // Runtime state as an older daemon kept it, beside the definition, when /run has none.
            Runtime stored = runtimeFiles.read(uuid);
            Runtime runtime = stored != null ? stored : legacy ? defined : null;
            Optional<DomainDefinition> live = runtime == null || runtime.liveXml() == null
                    ? Optional.empty()
                    : Optional.of(DomainXml.parse(runtime.liveXml()));
            if (config.isEmpty() && live.isEmpty()) {
                // What is left of a domain that was undefined and stopped: nothing to keep.
                AtomicFiles.delete(definedFile);
                runtimeFiles.delete(uuid);
                return Optional.empty();
            }
            String name = config.or(() -> live).orElseThrow().name();
            Runtime known = defined != null ? defined : runtime;
            boolean autostart =
                    header.map(DefinitionFile.Defined::autostart).orElse(known != null && known.autostart());
            String node = header.map(DefinitionFile.Defined::node)
                    .orElse(known != null && known.node() != null ? known.node() : defaultNode);
            if (header.isPresent()) {
                written.put(uuid, new Written(config.get().xml(), header.get()));
            }
            if (Files.exists(definedFile)) {
                companions.add(uuid);
            }
            if (runtime == null || live.isEmpty()) {
                return Optional.of(new DomainRecord(
                        uuid,
                        name,
                        config,
                        Optional.empty(),
                        autostart,
                        node,
                        -1,
                        runtime == null ? DomainStatus.SHUTOFF_UNKNOWN : stored(runtime),
                        System.currentTimeMillis(),
                        Map.of(),
                        false));
            }
            return Optional.of(new DomainRecord(
                    uuid,
                    name,
                    config,
                    live,
                    autostart,
                    node,
                    runtime.id(),
                    stored(runtime),
                    System.currentTimeMillis(),
                    runtime.addresses() == null ? Map.of() : runtime.addresses(),
                    runtime.shutdownRequested() || shuttingDown(runtime)));
        } catch (IOException | VirtException | IllegalArgumentException e) {
            LOG.error(
                    "cannot load domain {} from {} and {}: {}; the files are left in place",
                    uuid,
                    state.path(),
                    runtimeFiles.dir(),
                    e.toString());
            return Optional.empty();
        }
    }

    private static DomainStatus stored(Runtime runtime) {
        return shuttingDown(runtime)
                ? DomainStatus.RUNNING_UNKNOWN
                : new DomainStatus(DomainState.valueOf(runtime.state()), runtime.reason());
    }

    /** Saved by a daemon that reported "in shutdown" while the OS shut down: running, shutdown asked. */
    private static boolean shuttingDown(Runtime runtime) {
        return DomainState.valueOf(runtime.state()) == DomainState.SHUTDOWN;
    }

    private static VirtException failed(String what, IOException e) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.DOMAIN, what + ": " + e.getMessage(), e);
    }
}
