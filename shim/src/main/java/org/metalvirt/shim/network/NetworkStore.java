package org.metalvirt.shim.network;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.io.DurableDirectory;
import org.metalvirt.networkxml.NetworkDefinition;
import org.metalvirt.networkxml.NetworkXml;
import org.metalvirt.shim.objects.ObjectStore;
import org.metalvirt.shim.objects.StoredJson;
import org.metalvirt.shim.objects.StoredObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code networks/} under the state directory, as domains are kept: {@code UUID.xml} the
 * persistent definition as defined, {@code UUID.json} the runtime state (autostart, and while
 * active the live definition), changed together in one durable step ({@link DurableDirectory}).
 */
final class NetworkStore implements ObjectStore<NetworkRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkStore.class);

    /** The runtime half of a network, as stored. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Runtime(String name, boolean autostart, String liveXml) {}

    private final Path dir;
    private final DurableDirectory files;
    private final boolean fresh;
    private final ObjectMapper json = StoredJson.MAPPER;

    NetworkStore(Path stateDir) {
        this.dir = stateDir.resolve("networks");
        this.fresh = !Files.isDirectory(dir);
        try {
            this.files = DurableDirectory.open(dir);
        } catch (IOException e) {
            throw failed("cannot open " + dir, e);
        }
    }

    /** Whether this is the daemon's first start with networks: the directory did not exist. */
    boolean fresh() {
        return fresh;
    }

    @Override
    public void save(NetworkRecord record) {
        try {
            if (record.persistent()) {
                files.stage(
                        record.uuid() + ".xml",
                        record.config().orElseThrow().xml().getBytes(StandardCharsets.UTF_8));
            } else {
                files.unlink(record.uuid() + ".xml");
            }
            Runtime runtime = new Runtime(
                    record.name(),
                    record.autostart(),
                    record.live().map(NetworkDefinition::xml).orElse(null));
            files.stage(record.uuid() + ".json", json.writeValueAsBytes(runtime));
            files.sync();
        } catch (IOException e) {
            throw failed("cannot save network '" + record.name() + "'", e);
        }
    }

    @Override
    public void delete(UUID uuid) {
        try {
            boolean removed = files.unlink(uuid + ".xml");
            if (files.unlink(uuid + ".json") || removed) {
                files.sync();
            }
        } catch (IOException e) {
            throw failed("cannot delete network " + uuid, e);
        }
    }

    /** Every network stored, as last saved; unreadable files are logged and left for an operator. */
    List<NetworkRecord> load() {
        Set<UUID> stored;
        try {
            stored = StoredObjects.uuids(dir);
        } catch (IOException e) {
            throw failed("cannot read " + dir, e);
        }
        List<NetworkRecord> records = new ArrayList<>();
        stored.forEach(uuid -> load(uuid).ifPresent(records::add));
        return records;
    }

    private Optional<NetworkRecord> load(UUID uuid) {
        Path definitionFile = file(uuid, ".xml");
        Path runtimeFile = file(uuid, ".json");
        try {
            Optional<NetworkDefinition> config = Files.exists(definitionFile)
                    ? Optional.of(NetworkXml.parse(Files.readString(definitionFile)))
                    : Optional.empty();
            Runtime runtime = Files.exists(runtimeFile) ? json.readValue(runtimeFile.toFile(), Runtime.class) : null;
            Optional<NetworkDefinition> live = runtime == null || runtime.liveXml() == null
                    ? Optional.empty()
                    : Optional.of(NetworkXml.parse(runtime.liveXml()));
            if (config.isEmpty() && live.isEmpty()) {
                // What an undefined, stopped network left: nothing to keep.
                files.delete(uuid + ".json");
                return Optional.empty();
            }
            String name = config.or(() -> live).orElseThrow().name();
            return Optional.of(new NetworkRecord(uuid, name, config, live, runtime != null && runtime.autostart()));
        } catch (IOException | VirtException | IllegalArgumentException e) {
            LOG.error("cannot load network {} from {}: {}; the files are left in place", uuid, dir, e.toString());
            return Optional.empty();
        }
    }

    private Path file(UUID uuid, String suffix) {
        return dir.resolve(uuid + suffix);
    }

    @Override
    public void close() {
        try {
            files.close();
        } catch (IOException e) {
            LOG.warn("cannot write {} from its journal; it is replayed at the next start: {}", dir, e.toString());
        }
    }

    private static VirtException failed(String what, IOException e) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.NETWORK, what + ": " + e.getMessage(), e);
    }
}
