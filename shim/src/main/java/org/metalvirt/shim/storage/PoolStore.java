package org.metalvirt.shim.storage;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.io.AtomicFiles;
import org.metalvirt.io.DurableDirectory;
import org.metalvirt.shim.objects.ObjectStore;
import org.metalvirt.shim.objects.StoredJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state directory's {@code storage-pools/}: {@code UUID.json} holds each pool's definition (its
 * XML), whether it is persistent, active and autostarted, written atomically and durably ({@link
 * DurableDirectory}), so a kill -9 leaves the old or the new record. Volumes are not stored: they are the pool's, found again by a refresh.
 */
final class PoolStore implements ObjectStore<PoolRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(PoolStore.class);

    /** A pool as stored. */
    record Stored(String xml, boolean persistent, boolean active, boolean autostart) {}

    private final Path dir;
    private final DurableDirectory files;
    private final JSON json = StoredJson.FILES;

    PoolStore(Path stateDir) {
        this.dir = stateDir.resolve("storage-pools");
        try {
            this.files = DurableDirectory.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir, e);
        }
    }

    @Override
    public void save(PoolRecord record) {
        Stored stored = new Stored(
                PoolXml.format(record.definition(), Optional.empty()),
                record.persistent(),
                record.active(),
                record.autostart());
        try {
            files.write(file(record.uuid()), json.asBytes(stored));
        } catch (IOException e) {
            throw failed("cannot save storage pool '" + record.name() + "'", e);
        }
    }

    @Override
    public void delete(UUID uuid) {
        try {
            files.delete(file(uuid));
        } catch (IOException e) {
            throw failed("cannot delete storage pool " + uuid, e);
        }
    }

    /** Every pool stored, as last saved (active ones to be started again); unreadable files are logged and left. */
    List<Stored> load() {
        List<Stored> pools = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                if (name.startsWith(AtomicFiles.TEMP_PREFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(".json")) {
                    try {
                        pools.add(json.beanFrom(Stored.class, file.toFile()));
                    } catch (IOException e) {
                        LOG.error(
                                "cannot load storage pool from {}: {}; the file is left in place", file, e.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw failed("cannot read " + dir, e);
        }
        return pools;
    }

    private static String file(UUID uuid) {
        return uuid + ".json";
    }

    @Override
    public void close() {
        files.close();
    }

    private static VirtException failed(String what, IOException e) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.STORAGE, what + ": " + e.getMessage(), e);
    }
}
