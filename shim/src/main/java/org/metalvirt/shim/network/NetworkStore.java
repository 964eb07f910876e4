package org.metalvirt.shim.network;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.io.DurableDirectory;
import org.metalvirt.io.PrivateDirectories;
import org.metalvirt.networkxml.NetworkDefinition;
import org.metalvirt.networkxml.NetworkXml;
import org.metalvirt.shim.objects.ObjectStore;
import org.metalvirt.shim.objects.RuntimeFiles;
import org.metalvirt.shim.objects.StoredJson;
import org.metalvirt.shim.objects.StoredObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where networks are kept, as libvirt's network driver keeps them. The state directory's
 * {@code networks/} holds what is defined: {@code UUID.xml}, the definition as defined, and
 * {@code UUID.json}, its autostart, each changed durably through the directory's journal ({@link DurableDirectory}). The runtime
 * directory's {@code networks/} holds {@code UUID.json}, the status of an active network (the
 * definition it was started with), as libvirt keeps {@code /run/libvirt/network/NAME.xml}: it
 * survives the daemon, not a reboot of the card, after which a network is inactive until
 * autostart starts it.
 */
final class NetworkStore implements ObjectStore<NetworkRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkStore.class);

    /** The state directory's {@code UUID.json} (nulls left out); earlier versions kept the live definition there too. */
    record Defined(String name, boolean autostart, String liveXml) {}

    /** The runtime directory's {@code UUID.json}: an active network's live definition. */
    record Status(String name, String liveXml) {}

    /** A persistent network's files as last written. */
    private record Written(String xml, boolean autostart) {}

    private final Path dir;
    private final RuntimeFiles<Status> statusFiles;
    private final DurableDirectory files;
    private final boolean fresh;
    /** No daemon ran since the card booted: the runtime directory's {@code networks/} is empty. */
    private final boolean booted;
    /** What was last written of each network, so that a start or stop writes nothing durably. */
    private final Map<UUID, Written> written = new ConcurrentHashMap<>();

    private final JSON json = StoredJson.FILES;

    NetworkStore(Path stateDir, Path runtimeDir) {
        this.dir = stateDir.resolve("networks");
        this.statusFiles = new RuntimeFiles<>(runtimeDir.resolve("networks"), Status.class);
        this.fresh = !Files.isDirectory(dir);
        try {
            this.booted = isEmpty(statusFiles.dir());
            this.files = DurableDirectory.open(dir);
            PrivateDirectories.create(statusFiles.dir());
        } catch (IOException e) {
            throw failed("cannot open " + dir + " or " + statusFiles.dir(), e);
        }
    }

    /** Whether this is the daemon's first start with networks: the directory did not exist. */
    boolean fresh() {
        return fresh;
    }

    @Override
    public void save(NetworkRecord record) {
        try {
            saveDefined(record);
            saveStatus(record);
        } catch (IOException e) {
            throw failed("cannot save network '" + record.name() + "'", e);
        }
    }

    /** The definition and its autostart, only what changed, in one durable step. */
    private void saveDefined(NetworkRecord record) throws IOException {
        UUID uuid = record.uuid();
        Written before = written.get(uuid);
        if (!record.persistent()) {
            if (before != null) {
                files.unlink(uuid + ".xml");
                files.unlink(uuid + ".json");
                files.sync();
                written.remove(uuid);
            }
            return;
        }
        Written now = new Written(record.config().orElseThrow().xml(), record.autostart());
        boolean xmlChanged = before == null || !before.xml().equals(now.xml());
        boolean autostartChanged = before == null || before.autostart() != now.autostart();
        if (xmlChanged) {
            files.stage(uuid + ".xml", now.xml().getBytes(StandardCharsets.UTF_8));
        }
        if (autostartChanged) {
            files.stage(uuid + ".json", json.asBytes(new Defined(record.name(), now.autostart(), null)));
        }
        if (xmlChanged || autostartChanged) {
            files.sync();
        }
        written.put(uuid, now);
    }

    /** The status of an active network, replaced when it changes and never forced (a tmpfs keeps it). */
    private void saveStatus(NetworkRecord record) throws IOException {
        Status now =
                record.live().map(live -> new Status(record.name(), live.xml())).orElse(null);
        statusFiles.save(record.uuid(), now);
    }

    @Override
    public void delete(UUID uuid) {
        try {
            boolean removed = files.unlink(uuid + ".xml");
            if (files.unlink(uuid + ".json") || removed) {
                files.sync();
            }
            written.remove(uuid);
            statusFiles.delete(uuid);
        } catch (IOException e) {
            throw failed("cannot delete network " + uuid, e);
        }
    }

    /** Every network stored, as last saved; unreadable files are logged and left for an operator. */
    List<NetworkRecord> load() {
        Set<UUID> stored;
        try {
            stored = StoredObjects.uuids(dir);
            stored.addAll(StoredObjects.uuids(statusFiles.dir()));
        } catch (IOException e) {
            throw failed("cannot read " + dir + " or " + statusFiles.dir(), e);
        }
        List<NetworkRecord> records = new ArrayList<>();
        stored.forEach(uuid -> load(uuid).ifPresent(records::add));
        return records;
    }

    private Optional<NetworkRecord> load(UUID uuid) {
        Path definitionFile = file(uuid, ".xml");
        Path definedFile = file(uuid, ".json");
        try {
            Optional<NetworkDefinition> config = Files.exists(definitionFile)
                    ? Optional.of(NetworkXml.parse(Files.readString(definitionFile)))
                    : Optional.empty();
            Defined defined = Files.exists(definedFile) ? json.beanFrom(Defined.class, definedFile.toFile()) : null;
            Status status = statusFiles.read(uuid);
            if (defined != null && defined.liveXml() != null) {
                status = migrated(uuid, defined, status);
                defined = new Defined(defined.name(), defined.autostart(), null);
                if (config.isPresent()) {
                    files.write(uuid + ".json", json.asBytes(defined));
                }
            }
            Optional<NetworkDefinition> live = status == null || status.liveXml() == null
                    ? Optional.empty()
                    : Optional.of(NetworkXml.parse(status.liveXml()));
            if (config.isEmpty() && live.isEmpty()) {
                // What an undefined, stopped network left: nothing to keep.
                files.delete(uuid + ".json");
                statusFiles.delete(uuid);
                return Optional.empty();
            }
            if (config.isEmpty()) {
                // A transient network has nothing defined; an earlier version kept its state there.
                files.delete(uuid + ".json");
            }
            String name = config.or(() -> live).orElseThrow().name();
            boolean autostart = config.isPresent() && defined != null && defined.autostart();
            config.ifPresent(definition -> written.put(uuid, new Written(definition.xml(), autostart)));
            return Optional.of(new NetworkRecord(uuid, name, config, live, autostart));
        } catch (IOException | VirtException | IllegalArgumentException e) {
            LOG.error(
                    "cannot load network {} from {} and {}: {}; the files are left in place",
                    uuid,
                    dir,
                    statusFiles.dir(),
                    e.toString());
            return Optional.empty();
        }
    }

    /**
     * An earlier version's active network, its live definition in the state directory: still
     * active if a daemon ran since the card booted (a restart, an upgrade), moved to the runtime
     * directory; inactive after a reboot, as libvirt's networks are, until autostart.
     */
    private Status migrated(UUID uuid, Defined defined, Status status) throws IOException {
        if (status != null || booted) {
            return status;
        }
        Status moved = new Status(defined.name(), defined.liveXml());
        statusFiles.save(uuid, moved);
        return moved;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private Path file(UUID uuid, String suffix) {
        return dir.resolve(uuid + suffix);
    }

    @Override
    public void close() {
        files.close();
    }

    private static VirtException failed(String what, IOException e) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.NETWORK, what + ": " + e.getMessage(), e);
    }
}
