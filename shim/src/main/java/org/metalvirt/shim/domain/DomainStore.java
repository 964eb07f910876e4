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
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.io.AtomicFiles;
import org.metalvirt.io.PrivateDirectories;
import org.metalvirt.shim.objects.ObjectStore;
import org.metalvirt.shim.objects.StoredObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state directory: for each domain, {@code UUID.xml} holds its persistent definition exactly
 * as defined, and {@code UUID.json} its runtime state (autostart, node, and while active its id,
 * state and live definition). Both are written atomically, the definition first; a definition
 * without runtime state is still a defined domain, so no crash can lose one.
 */
final class DomainStore implements ObjectStore<DomainRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainStore.class);

    /** The runtime half of a domain, as stored. */
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

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    DomainStore(Path stateDir) {
        this.dir = stateDir.resolve("domains");
        try {
            PrivateDirectories.create(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    @Override
    public void save(DomainRecord record) {
        try {
            if (record.persistent()) {
                AtomicFiles.write(
                        definitionFile(record.uuid()),
                        record.config().orElseThrow().xml().getBytes(StandardCharsets.UTF_8));
            } else {
                AtomicFiles.delete(definitionFile(record.uuid()));
            }
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
            AtomicFiles.write(runtimeFile(record.uuid()), json.writeValueAsBytes(runtime));
        } catch (IOException e) {
            throw failed("cannot save domain '" + record.name() + "'", e);
        }
    }

    @Override
    public void delete(UUID uuid) {
        try {
            // The definition first: a crash in between leaves runtime state without a domain,
            // which loading discards, rather than a half-undefined domain.
            AtomicFiles.delete(definitionFile(uuid));
            AtomicFiles.delete(runtimeFile(uuid));
        } catch (IOException e) {
            throw failed("cannot delete domain " + uuid, e);
        }
    }

    /** Every domain stored, as last saved; unreadable files are logged and left for an operator. */
    List<DomainRecord> load(String defaultNode) {
        Set<UUID> stored;
        try {
            stored = StoredObjects.uuids(dir);
        } catch (IOException e) {
            throw failed("cannot read " + dir, e);
        }
        List<DomainRecord> records = new ArrayList<>();
        for (UUID uuid : stored) {
            load(uuid, defaultNode).ifPresent(records::add);
        }
        return records;
    }

    private Optional<DomainRecord> load(UUID uuid, String defaultNode) {
        Path definitionFile = definitionFile(uuid);
        Path runtimeFile = runtimeFile(uuid);
        try {
            Optional<DomainDefinition> config = Files.exists(definitionFile)
                    ? Optional.of(DomainXml.parse(Files.readString(definitionFile)))
                    : Optional.empty();
            Runtime runtime = Files.exists(runtimeFile) ? json.readValue(runtimeFile.toFile(), Runtime.class) : null;
            Optional<DomainDefinition> live = runtime == null || runtime.liveXml() == null
                    ? Optional.empty()
                    : Optional.of(DomainXml.parse(runtime.liveXml()));
            if (config.isEmpty() && live.isEmpty()) {
                // Runtime state of a domain that was undefined and stopped: nothing to keep.
                AtomicFiles.delete(runtimeFile);
                return Optional.empty();
            }
            String name = config.or(() -> live).orElseThrow().name();
            if (runtime == null || live.isEmpty()) {
                return Optional.of(new DomainRecord(
                        uuid,
                        name,
                        config,
                        Optional.empty(),
                        runtime != null && runtime.autostart(),
                        runtime == null ? defaultNode : runtime.node(),
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
                    runtime.autostart(),
                    runtime.node(),
                    runtime.id(),
                    stored(runtime),
                    System.currentTimeMillis(),
                    runtime.addresses() == null ? Map.of() : runtime.addresses(),
                    runtime.shutdownRequested() || shuttingDown(runtime)));
        } catch (IOException | VirtException | IllegalArgumentException e) {
            LOG.error("cannot load domain {} from {}: {}; the files are left in place", uuid, dir, e.toString());
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

    private Path definitionFile(UUID uuid) {
        return dir.resolve(uuid + ".xml");
    }

    private Path runtimeFile(UUID uuid) {
        return dir.resolve(uuid + ".json");
    }

    private static VirtException failed(String what, IOException e) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.DOMAIN, what + ": " + e.getMessage(), e);
    }
}
