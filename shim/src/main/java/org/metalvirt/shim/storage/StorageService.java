package org.metalvirt.shim.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.metalvirt.domainxml.Device;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.objects.JobName;
import org.metalvirt.shim.objects.ObjectJob;
import org.metalvirt.shim.objects.ObjectKind;
import org.metalvirt.shim.objects.ObjectTable;
import org.metalvirt.shim.secret.SecretService;
import org.metalvirt.shim.secret.SecretUsage;
import org.metalvirt.storage.NewVolume;
import org.metalvirt.storage.PoolDriver;
import org.metalvirt.storage.PoolDrivers;
import org.metalvirt.storage.PoolFacts;
import org.metalvirt.storage.VolumeFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage pools of this daemon, as libvirt's storage driver keeps them: defined or transient,
 * active or not, each change a job on its pool (one at a time, saved before it is seen). A pool's
 * volumes are what its last refresh found, and what a volume is now is always asked of its driver,
 * so a volume gone underneath is reported rather than shown as it was.
 */
public final class StorageService {

    private static final Logger LOG = LoggerFactory.getLogger(StorageService.class);
    private static final ObjectKind POOLS = new ObjectKind("storage pool", ErrorDomain.STORAGE, PoolErrors::noPool);

    private record PoolJob(String holder) implements JobName {}

    private final PoolDrivers drivers;
    private final ObjectTable<PoolRecord, PoolEvent> table;

    private StorageService(PoolDrivers drivers, PoolStore store, List<PoolRecord> saved, Consumer<PoolEvent> events) {
        this.drivers = drivers;
        this.table = new ObjectTable<>(POOLS, store, saved, events, Duration.ofSeconds(30));
    }

    /** Loads the saved pools, starts again those that were active, then the autostart ones. */
    public static StorageService open(PoolDrivers drivers, Path stateDir, Consumer<PoolEvent> events) {
        PoolStore store = new PoolStore(stateDir);
        List<PoolRecord> saved = new ArrayList<>();
        List<UUID> toStart = new ArrayList<>();
        for (PoolStore.Stored stored : store.load()) {
            PoolDefinition definition = PoolXml.parse(stored.xml());
            saved.add(new PoolRecord(definition, stored.persistent(), false, stored.autostart(), Optional.empty()));
            if (stored.active() || stored.autostart()) {
                toStart.add(definition.uuid());
            }
        }
        StorageService service = new StorageService(drivers, store, saved, events);
        for (UUID uuid : toStart) {
            try {
                service.start(uuid, false, false);
            } catch (VirtException e) {
                LOG.warn("storage pool {} cannot be started again: {}", uuid, e.getMessage());
                service.forgetIfTransient(uuid);
            }
        }
        return service;
    }

    /** A transient pool exists only while active: one that could not be started again is gone, as in libvirt. */
    private void forgetIfTransient(UUID uuid) {
        table.job(uuid, new PoolJob("load"), job -> {
            if (!job.record().persistent()) {
                job.remove();
            }
            return null;
        });
    }

    /** The card's pool drivers found on the class path, reading {@code <auth>} values from {@code secrets}. */
    public static PoolDrivers cardDrivers(SecretService secrets) {
        return PoolDrivers.load(auth -> secrets.valueFor(
                auth.type().equals("ceph") ? SecretUsage.CEPH : SecretUsage.ISCSI,
                auth.uuid().map(UUID::fromString),
                auth.usage()));
    }

    // ---- pools ------------------------------------------------------------------------------

    public List<PoolRecord> list() {
        return table.all();
    }

    public PoolRecord lookup(UUID uuid) {
        return table.get(uuid);
    }

    public PoolRecord lookupByName(String name) {
        return table.byName(name);
    }

    public PoolRecord lookupByTargetPath(String path) {
        String normal = Path.of(path).normalize().toString();
        return table.find(pool -> pool.active()
                        && pool.definition()
                                .source()
                                .target()
                                .map(normal::equals)
                                .orElse(false))
                .orElseThrow(() -> PoolErrors.noPool("no storage pool with matching target path '" + path + "'"));
    }

    public PoolRecord define(String xml) {
        PoolDefinition definition = PoolXml.parse(xml);
        driver(definition);
        return table.exclusively(() -> {
            Optional<PoolRecord> existing = table.existing(definition.uuid(), definition.name());
            if (existing.isPresent()) {
                return table.job(definition.uuid(), new PoolJob("define"), job -> {
                    PoolRecord redefined = job.commit(job.record().withDefinition(definition));
                    job.publish(PoolEvent.lifecycle(redefined, PoolEvent.DEFINED));
                    return redefined;
                });
            }
            PoolRecord added = table.add(new PoolRecord(definition, true, false, false, Optional.empty()), false);
            table.job(added.uuid(), new PoolJob("define"), job -> {
                job.publish(PoolEvent.lifecycle(added, PoolEvent.DEFINED));
                return null;
            });
            return added;
        });
    }

    /** {@code pool-create}: a transient pool, started at once; gone if it cannot start. */
    public PoolRecord createTransient(String xml, boolean build, boolean overwrite) {
        PoolDefinition definition = PoolXml.parse(xml);
        driver(definition);
        table.add(new PoolRecord(definition, false, false, false, Optional.empty()), true);
        try {
            return start(definition.uuid(), build, overwrite);
        } catch (RuntimeException e) {
            table.job(definition.uuid(), new PoolJob("create"), job -> {
                job.remove();
                return null;
            });
            throw e;
        }
    }

    public void build(UUID uuid, boolean overwrite) {
        table.job(uuid, new PoolJob("build"), job -> {
            PoolRecord pool = job.record();
            if (pool.active()) {
                throw PoolErrors.alreadyActive(pool);
            }
            driver(pool).build(pool.definition().source(), overwrite);
            job.publish(PoolEvent.lifecycle(pool, PoolEvent.CREATED));
            return null;
        });
    }

    /** Starts the pool: built first if asked, then reached; a source it cannot reach leaves it inactive. */
    public PoolRecord start(UUID uuid, boolean build, boolean overwrite) {
        return table.job(uuid, new PoolJob("start"), job -> {
            PoolRecord pool = job.record();
            if (pool.active()) {
                throw PoolErrors.alreadyActive(pool);
            }
            PoolDriver driver = driver(pool);
            if (build) {
                driver.build(pool.definition().source(), overwrite);
            }
            driver.start(pool.definition().source());
            PoolFacts facts;
            try {
                facts = driver.refresh(pool.definition().source());
            } catch (RuntimeException e) {
                driver.stop(pool.definition().source());
                throw e;
            }
            PoolRecord started = job.commit(pool.started(facts));
            LOG.info(
                    "storage pool '{}' started with {} volume(s)",
                    pool.name(),
                    facts.volumes().size());
            job.publish(PoolEvent.lifecycle(started, PoolEvent.STARTED));
            return started;
        });
    }

    public void destroy(UUID uuid) {
        table.job(uuid, new PoolJob("destroy"), job -> {
            PoolRecord pool = PoolErrors.requireActive(job.record());
            driver(pool).stop(pool.definition().source());
            if (pool.persistent()) {
                job.commit(pool.stopped());
            } else {
                job.remove();
            }
            job.publish(PoolEvent.lifecycle(pool, PoolEvent.STOPPED));
            return null;
        });
    }

    public void delete(UUID uuid) {
        table.job(uuid, new PoolJob("delete"), job -> {
            PoolRecord pool = PoolErrors.requireInactive(job.record());
            driver(pool).delete(pool.definition().source());
            job.publish(PoolEvent.lifecycle(pool, PoolEvent.DELETED));
            return null;
        });
    }

    public void undefine(UUID uuid) {
        table.job(uuid, new PoolJob("undefine"), job -> {
            PoolRecord pool = PoolErrors.requireInactive(job.record());
            if (!pool.persistent()) {
                throw new VirtException(
                        ErrorNumber.INTERNAL_ERROR, ErrorDomain.STORAGE, "internal error: pool has no config file");
            }
            job.remove();
            job.publish(PoolEvent.lifecycle(pool, PoolEvent.UNDEFINED));
            return null;
        });
    }

    public void refresh(UUID uuid) {
        table.job(uuid, new PoolJob("refresh"), job -> {
            PoolRecord pool = PoolErrors.requireActive(job.record());
            PoolRecord refreshed = job.commit(
                    pool.refreshed(driver(pool).refresh(pool.definition().source())));
            job.publish(PoolEvent.refresh(refreshed));
            return null;
        });
    }

    public void setAutostart(UUID uuid, boolean autostart) {
        table.job(uuid, new PoolJob("autostart"), job -> {
            PoolRecord pool = job.record();
            if (!pool.persistent()) {
                throw new VirtException(
                        ErrorNumber.INTERNAL_ERROR, ErrorDomain.STORAGE, "internal error: pool has no config file");
            }
            return job.commit(pool.withAutostart(autostart));
        });
    }

    public String xml(UUID uuid, boolean inactive) {
        PoolRecord pool = lookup(uuid);
        return PoolXml.format(pool.definition(), inactive ? Optional.empty() : pool.facts());
    }

    /**
     * What a {@code <disk type='volume'>} naming this volume is for the card, as libvirt resolves
     * it when a domain starts: the pool must exist and be active, the volume be there now.
     */
    public Device.DiskSource diskSource(String poolName, String volumeName) {
        PoolRecord pool = lookupByName(poolName);
        if (!pool.active()) {
            throw new VirtException(
                    ErrorNumber.CONFIG_UNSUPPORTED,
                    ErrorDomain.DOMAIN,
                    "unsupported configuration: storage pool '" + poolName + "' containing volume '" + volumeName
                            + "' is not active");
        }
        return VolumeSources.of(pool.definition().source(), volumeNow(pool.uuid(), volumeName));
    }

    // ---- volumes ----------------------------------------------------------------------------

    /** The pool's volumes as its last refresh found them. */
    public List<VolumeFacts> volumes(UUID pool) {
        return PoolErrors.requireActive(lookup(pool)).facts().orElseThrow().volumes();
    }

    public VolumeFacts volumeByName(UUID pool, String name) {
        return volumes(pool).stream()
                .filter(volume -> volume.name().equals(name))
                .findFirst()
                .orElseThrow(() -> PoolErrors.noVolume("no storage vol with matching name '" + name + "'"));
    }

    /** The active pool holding a volume with this key or path, and the volume. */
    public Located locate(String keyOrPath, boolean byKey) {
        for (PoolRecord pool : list()) {
            for (VolumeFacts volume : pool.facts().map(PoolFacts::volumes).orElse(List.of())) {
                if ((byKey ? volume.key() : volume.path()).equals(keyOrPath)) {
                    return new Located(pool, volume);
                }
            }
        }
        throw PoolErrors.noVolume(
                byKey
                        ? "no storage vol with matching key " + keyOrPath
                        : "no storage vol with matching path '" + keyOrPath + "'");
    }

    /** A volume and the pool it is in. */
    public record Located(PoolRecord pool, VolumeFacts volume) {}

    /** What the volume is now, asked of the pool's driver. */
    public VolumeFacts volumeNow(UUID pool, String name) {
        PoolRecord record = PoolErrors.requireActive(lookup(pool));
        volumeByName(pool, name);
        return driver(record).volume(record.definition().source(), name);
    }

    public VolumeFacts createVolume(UUID uuid, String xml, Optional<String> cloneOf) {
        return table.job(uuid, new PoolJob("vol-create"), job -> {
            PoolRecord pool = PoolErrors.requireActive(job.record());
            PoolDriver driver = driver(pool);
            NewVolume volume = VolumeXml.parse(
                    xml,
                    driver.volumeFormats().isEmpty()
                            ? "raw"
                            : driver.volumeFormats().get(0));
            if (pool.facts().orElseThrow().volumes().stream()
                    .anyMatch(v -> v.name().equals(volume.name()))) {
                throw new VirtException(
                        ErrorNumber.STORAGE_VOL_EXIST,
                        ErrorDomain.STORAGE,
                        "storage volume '" + volume.name() + "' exists already");
            }
            VolumeFacts made = cloneOf.isPresent()
                    ? driver.copyVolume(pool.definition().source(), volume, volumeNow(uuid, cloneOf.get()))
                    : driver.createVolume(pool.definition().source(), volume);
            commitVolumes(job, pool, made, null);
            return made;
        });
    }

    public void deleteVolume(UUID uuid, String name) {
        table.job(uuid, new PoolJob("vol-delete"), job -> {
            PoolRecord pool = PoolErrors.requireActive(job.record());
            volumeByName(uuid, name);
            driver(pool).deleteVolume(pool.definition().source(), name);
            commitVolumes(job, pool, null, name);
            return null;
        });
    }

    public void resizeVolume(UUID uuid, String name, long capacity, boolean delta, boolean shrink) {
        table.job(uuid, new PoolJob("vol-resize"), job -> {
            PoolRecord pool = PoolErrors.requireActive(job.record());
            VolumeFacts now = volumeNow(uuid, name);
            long wanted = delta ? now.capacity() + capacity : capacity;
            if (wanted < now.capacity() && !shrink) {
                throw new VirtException(
                        ErrorNumber.INVALID_ARG,
                        ErrorDomain.STORAGE,
                        "invalid argument: Can't shrink capacity below current capacity unless shrink flag explicitly specified");
            }
            driver(pool).resizeVolume(pool.definition().source(), name, wanted);
            commitVolumes(job, pool, driver(pool).volume(pool.definition().source(), name), null);
            return null;
        });
    }

    public void wipeVolume(UUID uuid, String name) {
        table.job(uuid, new PoolJob("vol-wipe"), job -> {
            PoolRecord pool = PoolErrors.requireActive(job.record());
            volumeByName(uuid, name);
            driver(pool).wipeVolume(pool.definition().source(), name);
            return null;
        });
    }

    /** The pool's volume list with {@code added} in (replacing its namesake) or {@code removed} out. */
    private static void commitVolumes(
            ObjectJob<PoolRecord, PoolEvent> job, PoolRecord pool, VolumeFacts added, String removed) {
        PoolFacts facts = pool.facts().orElseThrow();
        List<VolumeFacts> volumes = new ArrayList<>();
        for (VolumeFacts volume : facts.volumes()) {
            if (!volume.name().equals(removed)
                    && (added == null || !volume.name().equals(added.name()))) {
                volumes.add(volume);
            }
        }
        if (added != null) {
            volumes.add(added);
        }
        job.commit(pool.refreshed(new PoolFacts(facts.capacity(), facts.allocation(), facts.available(), volumes)));
    }

    private PoolDriver driver(PoolRecord pool) {
        return driver(pool.definition());
    }

    private PoolDriver driver(PoolDefinition definition) {
        return drivers.forType(definition.type())
                .orElseThrow(
                        () -> PoolDriver.unsupported("pool type '" + definition.type() + "' (no driver on this card)"));
    }

    /** At the daemon's stop: every change is durable already; the store writes its journal out. */
    public void close() {
        table.close();
    }
}
