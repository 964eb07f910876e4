package org.metalvirt.shim.objects;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
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
    private final ObjectIndex<R> index;
    /** Guards name and UUID uniqueness while objects come and go. */
    private final Object registry = new Object();

    public ObjectTable(
            ObjectKind kind,
            ObjectStore<R> store,
            Collection<R> saved,
            Consumer<? super E> events,
            Duration lockTimeout) {
        this(kind, store, saved, events, lockTimeout, record -> "", record -> false);
    }

    /**
     * As above, the objects also indexed by {@code groupOf} (a domain's node) for {@link #inGroup},
     * and those {@code marked} (a node's active domain) for {@link #markedInGroup}.
     */
    public ObjectTable(
            ObjectKind kind,
            ObjectStore<R> store,
            Collection<R> saved,
            Consumer<? super E> events,
            Duration lockTimeout,
            Function<? super R, String> groupOf,
            Predicate<? super R> marked) {
        this.kind = kind;
        this.store = store;
        this.events = events;
        this.lockTimeout = lockTimeout;
        this.index = new ObjectIndex<>(groupOf, marked);
        saved.forEach(record -> put(new Entry<>(record)));
    }

    /** The body of a job: what it does to the object while holding its lock. */
    @FunctionalInterface
    public interface Body<R extends Named, E, T> {
        T run(ObjectJob<R, E> job);
    }

    /** Every object as it is now. */
    public List<R> all() {
        return byUuid.values().stream()
                .filter(entry -> !entry.pending)
                .map(entry -> entry.record)
                .toList();
    }

    /**
     * Every object as it is now, in name order: read from the name index in its order, not sorted
     * at each call (sorting a rack's 1000 domains was 40 % of a listAll's server CPU).
     */
    public List<R> allByName() {
        return listed(index.inNameOrder(), byUuid.size()); // a skip list's size is a walk
    }

    public R get(UUID uuid) {
        Entry<R> entry = entry(uuid);
        if (entry.pending) {
            throw notFound(uuid);
        }
        return entry.record;
    }

    public R byName(String name) {
        return index.named(name)
                .map(byUuid::get)
                .filter(entry -> !entry.pending && entry.record.name().equals(name))
                .map(entry -> entry.record)
                .orElseThrow(() -> kind.notFound().apply("no " + kind.noun() + " with matching name '" + name + "'"));
    }

    /** The objects whose group key is {@code key}, as they are now. */
    public List<R> inGroup(String key) {
        Set<UUID> group = index.group(key);
        return listed(group, group.size());
    }

    /**
     * Whether group {@code key} holds any object, one reserved and not yet committed included: a
     * node a concurrent define is saving a domain on is not free. Lists nothing.
     */
    public boolean anyInGroup(String key) {
        return !index.group(key).isEmpty();
    }

    /**
     * The objects of group {@code key} that are marked (a node's active domain), from their own
     * index: a start asks this, and a scan of its node's domains grew with every one defined.
     */
    public List<R> markedInGroup(String key) {
        Set<UUID> marked = index.marked(key);
        return listed(marked, marked.size());
    }

    private List<R> listed(Iterable<UUID> uuids, int expected) {
        List<R> listed = new ArrayList<>(expected);
        for (UUID uuid : uuids) {
            Entry<R> entry = byUuid.get(uuid);
            if (entry != null && !entry.pending && !entry.removed) {
                listed.add(entry.record);
            }
        }
        return listed;
    }

    public Optional<R> find(Predicate<? super R> filter) {
        return byUuid.values().stream()
                .filter(entry -> !entry.pending)
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
            index.named(name)
                    .map(byUuid::get)
                    .map(entry -> entry.record)
                    .filter(record -> record.name().equals(name))
                    .ifPresent(other -> {
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
            put(new Entry<>(record));
            return record;
        }
    }

    /**
     * Adds an object in two steps, so that concurrent additions save at once and share the store's
     * fsync: reserved here, under the registry (its name and UUID taken, its lock held for
     * {@code job}, not listed yet), then saved and listed by {@link Reservation#commit()}, outside
     * it. A job on a reserved object waits for the commit.
     */
    public Reservation<R> reserve(R record, boolean unsaved, JobName job) {
        synchronized (registry) {
            existing(record.uuid(), record.name()).ifPresent(other -> {
                throw Failures.failed(
                        kind.errors(),
                        kind.noun() + " '" + other.name() + "' already exists with uuid " + other.uuid());
            });
            Entry<R> entry = new Entry<>(record);
            entry.pending = true;
            StateLock.Held held = entry.lock.acquire(job, lockTimeout, kind.errors());
            put(entry);
            return new Reservation<>(this, entry, held, unsaved);
        }
    }

    /** An object reserved by {@link #reserve}, to be committed once, outside the registry. */
    public static final class Reservation<R extends Named> {
        private final ObjectTable<R, ?> table;
        private final Entry<R> entry;
        private final StateLock.Held held;
        private final boolean unsaved;

        private Reservation(ObjectTable<R, ?> table, Entry<R> entry, StateLock.Held held, boolean unsaved) {
            this.table = table;
            this.entry = entry;
            this.held = held;
            this.unsaved = unsaved;
        }

        /** Saves the object (unless it was reserved unsaved) and lists it; a failed save takes it back. */
        public R commit() {
            try (held) {
                if (!unsaved) {
                    table.store.save(entry.record);
                }
                entry.pending = false;
                return entry.record;
            } catch (RuntimeException e) {
                synchronized (table.registry) {
                    entry.removed = true;
                    table.byUuid.remove(entry.record.uuid());
                    table.index.removed(entry.record);
                }
                throw e;
            }
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

    /**
     * Runs a job as {@link #job} does, but only if no job holds the object now: empty at once
     * otherwise (a background check that the job in progress makes moot).
     */
    public <T> Optional<T> jobIfFree(UUID uuid, JobName job, Body<R, E, T> body) {
        Entry<R> entry = entry(uuid);
        Optional<StateLock.Held> free = entry.lock.tryAcquire(job);
        if (free.isEmpty()) {
            return Optional.empty();
        }
        List<E> produced = new ArrayList<>();
        try (StateLock.Held held = free.get()) {
            if (entry.removed) {
                throw notFound(uuid);
            }
            try {
                return Optional.ofNullable(body.run(new ObjectJob<>(this, entry, produced)));
            } finally {
                produced.forEach(events);
            }
        }
    }

    /** Saves, then makes visible: nobody sees a state that a crash could lose. */
    R commit(Entry<R> entry, R record) {
        store.save(record);
        R before = entry.record;
        entry.record = record;
        index.changed(before, record);
        return record;
    }

    void remove(Entry<R> entry) {
        synchronized (registry) {
            store.delete(entry.record.uuid());
            entry.removed = true;
            byUuid.remove(entry.record.uuid());
            index.removed(entry.record);
        }
    }

    /** At the daemon's stop, after the last job; see {@link ObjectStore#close()}. */
    public void close() {
        store.close();
    }

    private void put(Entry<R> entry) {
        byUuid.put(entry.record.uuid(), entry);
        index.added(entry.record);
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
        /** Reserved, not saved yet: nobody lists it or looks it up. */
        volatile boolean pending;

        Entry(R record) {
            this.record = record;
        }
    }
}
