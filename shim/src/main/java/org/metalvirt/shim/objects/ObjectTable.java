package org.metalvirt.shim.objects;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.metalvirt.error.Failures;

/**
 * The objects of one kind the daemon manages (libvirt's object lists): indexed by UUID and by
 * name, both unique; saved before they are seen; changed one job at a time per object. A job
 * looks the object up, takes its state lock, checks it is still there, runs, commits, and
 * publishes the events it produced once its changes are saved.
 *
 * @param <R> the record of an object, replaced whole on every change
 * @param <E> the events its jobs publish
 */
public final class ObjectTable<R extends Named, E> {

    private final ObjectKind kind;
    private final ObjectStore<R> store;
    private final Consumer<? super E> events;
    private final Duration lockTimeout;
    private final Map<UUID, Entry<R>> byUuid = new ConcurrentHashMap<>();
    /** Guards name and UUID uniqueness while objects come and go. */
    private final Object registry = new Object();

    public ObjectTable(
            ObjectKind kind,
            ObjectStore<R> store,
            Collection<R> saved,
            Consumer<? super E> events,
            Duration lockTimeout) {
        this.kind = kind;
        this.store = store;
        this.events = events;
        this.lockTimeout = lockTimeout;
        saved.forEach(record -> byUuid.put(record.uuid(), new Entry<>(record)));
    }

    /** The body of a job: what it does to the object while holding its lock. */
    @FunctionalInterface
    public interface Body<R extends Named, E, T> {
        T run(ObjectJob<R, E> job);
    }

    /** Every object as it is now. */
    public List<R> all() {
        return byUuid.values().stream().map(entry -> entry.record).toList();
    }

    public R get(UUID uuid) {
        return entry(uuid).record;
    }

    public R byName(String name) {
        return find(record -> record.name().equals(name))
                .orElseThrow(() -> kind.notFound().apply("no " + kind.noun() + " with matching name '" + name + "'"));
    }

    public Optional<R> find(Predicate<? super R> filter) {
        return byUuid.values().stream()
                .map(entry -> entry.record)
                .filter(filter)
                .findFirst();
    }

    /** Milliseconds the job in progress on the object has been running; 0 when none is. */
    public long jobMillis(UUID uuid) {
        return entry(uuid).lock.heldMillis();
    }

    /** The job in progress on the object; empty when none is. */
    public Optional<JobInProgress> job(UUID uuid) {
        return entry(uuid).lock.running();
    }

    /**
     * The object with this UUID and name, if there is one; a UUID taken by another name, or a name
     * taken by another UUID, is an error, as it is in libvirt.
     */
    public Optional<R> existing(UUID uuid, String name) {
        synchronized (registry) {
            Entry<R> same = byUuid.get(uuid);
            if (same != null) {
                if (!same.record.name().equals(name)) {
                    throw Failures.failed(
                            kind.errors(),
                            kind.noun() + " '" + same.record.name() + "' is already defined with uuid " + uuid);
                }
                return Optional.of(same.record);
            }
            find(record -> record.name().equals(name)).ifPresent(other -> {
                throw Failures.failed(
                        kind.errors(),
                        kind.noun() + " '" + other.name() + "' already exists with uuid " + other.uuid());
            });
            return Optional.empty();
        }
    }

    /**
     * Runs {@code action} with no object added or removed meanwhile: a check of the table and the
     * addition it allows are one step.
     */
    public <T> T exclusively(Supplier<T> action) {
        synchronized (registry) {
            return action.get();
        }
    }

    /** Adds an object, saved first unless {@code unsaved} (a transient object about to start). */
    public R add(R record, boolean unsaved) {
        synchronized (registry) {
            existing(record.uuid(), record.name()).ifPresent(other -> {
                throw Failures.failed(
                        kind.errors(),
                        kind.noun() + " '" + other.name() + "' already exists with uuid " + other.uuid());
            });
            if (!unsaved) {
                store.save(record);
            }
            byUuid.put(record.uuid(), new Entry<>(record));
            return record;
        }
    }

    /**
     * Runs a job on the object: looked up, locked in {@code job}'s name, checked still there
     * once locked, then {@code body}; the events the body published go out when it ends, in
     * order, after the changes that caused them are saved — a failed body's too, for what it did commit.
     */
    public <T> T job(UUID uuid, JobName job, Body<R, E, T> body) {
        Entry<R> entry = entry(uuid);
        List<E> produced = new ArrayList<>();
        try (StateLock.Held held = entry.lock.acquire(job, lockTimeout, kind.errors())) {
            if (entry.removed) {
                throw notFound(uuid);
            }
            try {
                return body.run(new ObjectJob<>(this, entry, produced));
            } finally {
                produced.forEach(events);
            }
        }
    }

    /** Saves, then makes visible: nobody sees a state that a crash could lose. */
    R commit(Entry<R> entry, R record) {
        store.save(record);
        entry.record = record;
        return record;
    }

    void remove(Entry<R> entry) {
        synchronized (registry) {
            store.delete(entry.record.uuid());
            entry.removed = true;
            byUuid.remove(entry.record.uuid());
        }
    }

    private Entry<R> entry(UUID uuid) {
        Entry<R> entry = byUuid.get(uuid);
        if (entry == null) {
            throw notFound(uuid);
        }
        return entry;
    }

    private RuntimeException notFound(UUID uuid) {
        return kind.notFound().apply("no " + kind.noun() + " with matching uuid '" + uuid + "'");
    }

    /** One object: its record, swapped whole on every change, and the lock its jobs take. */
    static final class Entry<R> {
        final StateLock lock = new StateLock();
        volatile R record;
        volatile boolean removed;

        Entry(R record) {
            this.record = record;
        }
    }
}
