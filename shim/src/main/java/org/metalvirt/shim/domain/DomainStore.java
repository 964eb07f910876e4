package org.metalvirt.shim.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.metalvirt.shim.objects.StoredObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where domains are kept, as libvirt keeps them. The state directory holds what is defined:
 * {@code UUID.xml}, the persistent definition exactly as defined, and {@code UUID.json}, its
 * name, node and autostart; each is written durably when it changes, and only then, concurrent
 * writers sharing the directory's fsync. The runtime directory holds {@code UUID.json}, the runtime state (id,
 * state, live definition, card addresses), replaced atomically on every change but never forced:
 * it survives the daemon, not a reboot of the card. A definition without runtime state is a
 * defined domain, so no crash and no reboot can lose one.
 */
final class DomainStore implements ObjectStore<DomainRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainStore.class);

    /** The runtime half of a domain, as stored; older daemons kept it in the state directory. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Runtime(
            String name,
            boolean autostart,
            String node,
            int id,
            String state,
            int reason,
            String liveXml,
            Map<String, String> addresses,
            boolean shutdownRequested) {}

    /** The defined half beside the definition: what the daemon chose or was told, never runtime. */
    record Defined(String name, boolean autostart, String node) {}

    /** What was last written durably for a domain: unchanged, nothing is written again. */
    private record Written(String xml, Defined defined) {}

    private final DurableDirectory state;
    private final Path runtimeDir;
    private final Map<UUID, Written> written = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    DomainStore(Path stateDir, Path runtimeDir) {
        this.state = new DurableDirectory(stateDir.resolve("domains"));
        this.runtimeDir = runtimeDir.resolve("domains");
        try {
            PrivateDirectories.create(state.path());
            PrivateDirectories.create(this.runtimeDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + state.path() + " or " + this.runtimeDir, e);
        }
    }

    @Override
    public void save(DomainRecord record) {
        try {
            saveDefined(record);
            Runtime runtime = new Runtime(
                    record.name(),
                    record.autostart(),
                    record.node(),
                    record.id(),
                    record.status().state().name(),
                    record.status().reason(),
                    record.live().map(DomainDefinition::xml).orElse(null),
                    record.addresses(),
                    record.shutdownRequested());
            AtomicFiles.replace(runtimeFile(record.uuid()), json.writeValueAsBytes(runtime), false);
        } catch (IOException e) {
            throw failed("cannot save domain '" + record.name() + "'", e);
        }
    }

    /** Writes the definition or its companion when it changed: the one durable write of a change. */
    private void saveDefined(DomainRecord record) throws IOException {
        UUID uuid = record.uuid();
        Written now = record.config()
                .map(config -> new Written(config.xml(), new Defined(record.name(), record.autostart(), record.node())))
                .orElse(null);
        Written before = written.get(uuid);
        if (now == null ? before == null && !Files.exists(state.path().resolve(uuid + ".xml")) : now.equals(before)) {
            return;
        }
        if (now != null) {
            // The companion first: the definition's file makes the domain defined, and finds its
            // node and autostart beside it; a companion without a definition is discarded at load.
            if (before == null || !now.defined().equals(before.defined())) {
                state.stage(uuid + ".json", json.writeValueAsBytes(now.defined()));
            }
            if (before == null || !now.xml().equals(before.xml())) {
                state.stage(uuid + ".xml", now.xml().getBytes(StandardCharsets.UTF_8));
            }
        } else {
            state.unlink(uuid + ".xml");
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
            boolean removed = state.unlink(uuid + ".xml");
            removed = state.unlink(uuid + ".json") || removed;
            if (removed) {
                state.sync();
            }
            written.remove(uuid);
            Files.deleteIfExists(runtimeFile(uuid));
        } catch (IOException e) {
            throw failed("cannot delete domain " + uuid, e);
        }
    }

    /** Every domain stored, as last saved; unreadable files are logged and left for an operator. */
    List<DomainRecord> load(String defaultNode) {
        Set<UUID> stored;
        try {
            stored = StoredObjects.uuids(state.path());
            stored.addAll(StoredObjects.uuids(runtimeDir));
        } catch (IOException e) {
            throw failed("cannot read " + state.path() + " or " + runtimeDir, e);
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
        Path runtimeFile = runtimeFile(uuid);
        try {
            Optional<DomainDefinition> config = Files.exists(definitionFile)
                    ? Optional.of(DomainXml.parse(Files.readString(definitionFile)))
                    : Optional.empty();
            Runtime defined = Files.exists(definedFile) ? json.readValue(definedFile.toFile(), Runtime.class) : null;
            boolean legacy = defined != null && defined.state() != null;
            // Runtime state as an older daemon kept it, beside the definition, when /run has none.
            Runtime runtime = Files.exists(runtimeFile)
                    ? json.readValue(runtimeFile.toFile(), Runtime.class)
                    : legacy ? defined : null;
            Optional<DomainDefinition> live = runtime == null || runtime.liveXml() == null
                    ? Optional.empty()
                    : Optional.of(DomainXml.parse(runtime.liveXml()));
            if (config.isEmpty() && live.isEmpty()) {
                // What is left of a domain that was undefined and stopped: nothing to keep.
                AtomicFiles.delete(definedFile);
                Files.deleteIfExists(runtimeFile);
                return Optional.empty();
            }
            String name = config.or(() -> live).orElseThrow().name();
            Runtime known = defined != null ? defined : runtime;
            boolean autostart = known != null && known.autostart();
            String node = known != null && known.node() != null ? known.node() : defaultNode;
            if (config.isPresent() && defined != null && !legacy) {
                written.put(uuid, new Written(config.get().xml(), new Defined(name, autostart, node)));
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
                    runtimeDir,
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

    private Path runtimeFile(UUID uuid) {
        return runtimeDir.resolve(uuid + ".json");
    }

    private static VirtException failed(String what, IOException e) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.DOMAIN, what + ": " + e.getMessage(), e);
    }
}
