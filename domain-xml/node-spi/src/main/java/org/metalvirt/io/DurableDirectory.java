package org.metalvirt.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.metalvirt.io.JournalFile.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of small files (one per object) whose changes are durable when {@link #sync()}
 * returns, at the cost of one data-only {@code fdatasync} shared by concurrent writers (group
 * commit): a change is appended to a write-ahead journal ({@link JournalFile}) and reaches its
 * file later, off the callers' path, in a checkpoint that writes the files, forces them and the
 * directory, and only then lets the journal go. Opening the directory replays what a crash left
 * in the journal, so its files are then exactly what was last synced: they stay the readable
 * layout (operators and migrations read {@code UUID.xml}), current within a checkpoint's delay.
 *
 * <p>Two journal files alternate: one takes appends while the other, full or old, is
 * checkpointed. Opening a directory this process already has open is its restart after a crash
 * (tests do this in one JVM): the earlier instance stops touching the directory.
 */
public final class DurableDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DurableDirectory.class);
    /** Bytes each journal file is made with; one fills before it is checkpointed only under heavy writing. */
    static final int CAPACITY = 512 * 1024;
    /**
     * Files are written once changes pause this long, or when a journal file is full: a checkpoint
     * costs the disk a flush per file written, which a define waiting on its own fdatasync would
     * otherwise wait behind (measured: twice the define's latency when checkpoints ran meanwhile).
     */
    static final long QUIET_MILLIS = 500;
    /** Past this many capacities a journal file stops growing: writers wait for the checkpoint. */
    private static final int GROWTH_LIMIT = 8;

    private static final Map<Path, DurableDirectory> OPEN = new ConcurrentHashMap<>();

    private final Path dir;
    private final long quietMillis;
    private final JournalFile[] files = new JournalFile[2];
    /** Held while the directory's files are written from a journal: by one checkpoint, a close, a restart. */
    private final Object checkpointLock = new Object();

    // Guarded by this.
    private int active;
    private long generation;
    private boolean begun;
    private boolean closed;
    private boolean scheduled;
    /** When the newest change was made (nanoTime). */
    private long lastChange;
    /** The active file's changes, the latest per name: what the directory will hold. */
    private Map<String, Change> pending = new LinkedHashMap<>();
    /** The other file's changes, while a checkpoint writes them; empty when that file is retired. */
    private Map<String, Change> retiring = Map.of();
    /** Group commit: syncs asked for, counted; {@link #synced} is how many are done. */
    private long asked;

    private long synced;
    private boolean syncing;
    /** The file swapped out has appends no fdatasync covers yet: the next sync forces it too. */
    private boolean swappedUnforced;
    /** Why the last checkpoint failed (a full disk), until one succeeds: a writer the journal cannot take fails. */
    private IOException checkpointFailure;

    private DurableDirectory(Path dir, long quietMillis) {
        this.dir = dir;
        this.quietMillis = quietMillis;
    }

    /** Opens {@code dir} (made 0700 if missing), its files brought up to date from what a crash left journaled. */
    public static DurableDirectory open(Path dir) throws IOException {
        return open(dir, QUIET_MILLIS);
    }

    /** As above, checkpointing once changes pause {@code quietMillis} (tests: never before they look). */
    static DurableDirectory open(Path dir, long quietMillis) throws IOException {
        PrivateDirectories.create(dir);
        DurableDirectory directory = new DurableDirectory(dir.toAbsolutePath().normalize(), quietMillis);
        DurableDirectory earlier = OPEN.put(directory.dir, directory);
        if (earlier != null) {
            earlier.abandon();
        }
        directory.replay();
        return directory;
    }

    public Path path() {
        return dir;
    }

    /** Replaces {@code name} with {@code content}; durable when {@link #sync()} returns. */
    public synchronized void stage(String name, byte[] content) throws IOException {
        append(new Change(name, content.clone()));
    }

    /** Removes {@code name}, if present (then true); durable when {@link #sync()} returns. */
    public synchronized boolean unlink(String name) throws IOException {
        if (!exists(name)) {
            return false;
        }
        append(new Change(name, null));
        return true;
    }

    /** Whether {@code name} is there, as the last change staged left it. */
    public synchronized boolean exists(String name) {
        Change change = pending.containsKey(name) ? pending.get(name) : retiring.get(name);
        return change != null ? change.content() != null : Files.exists(dir.resolve(name));
    }

    /** {@link #stage} and {@link #sync}. */
    public void write(String name, byte[] content) throws IOException {
        stage(name, content);
        sync();
    }

    /** {@link #unlink} and, if it removed something, {@link #sync}. */
    public void delete(String name) throws IOException {
        if (unlink(name)) {
            sync();
        }
    }

    private void append(Change change) throws IOException {
        if (closed) {
            throw new IOException(dir + " is closed");
        }
        if (!begun) {
            begin();
        }
        while (files[active].end() > (long) GROWTH_LIMIT * CAPACITY && !retiring.isEmpty()) {
            if (checkpointFailure != null) {
                throw new IOException(
                        "the journal of " + dir + " is full and its files cannot be written: "
                                + checkpointFailure.getMessage(),
                        checkpointFailure);
            }
            await();
        }
        if (files[active].end() > CAPACITY && retiring.isEmpty()) {
            swap();
            Checkpoints.after(0, this::checkpointQuietly);
        }
        files[active].append(change.name(), change.content());
        pending.remove(change.name()); // re-inserted last: the map keeps the order of the changes
        pending.put(change.name(), change);
        lastChange = System.nanoTime();
        if (!scheduled) {
            scheduled = true;
            Checkpoints.after(quietMillis, this::checkpointWhenQuiet);
        }
    }

    /**
     * Makes the journal files now, on the checkpoint thread, rather than at the first change: a fresh
     * daemon's first define otherwise waited for two files of zeros written and forced with their
     * directory, 10 – 25 ms. Asked for by the daemon once it listens (not by the open, which its start
     * waits for; nor for a directory a test opens, reads and leaves). A failure here is the first
     * change's to report: it makes what is missing. A close waits for it; once closed, nothing is made.
     */
    public void prepareSoon() {
        Checkpoints.after(0, this::prepare);
    }

    private void prepare() {
        synchronized (checkpointLock) { // a close waits: nothing is made in a directory once closed
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            try {
                for (int i = 0; i < 2; i++) {
                    JournalFile.make(journal(i), CAPACITY);
                }
            } catch (IOException e) {
                LOG.debug("cannot make the journal of {} yet: {}", dir, e.toString());
            }
        }
    }

    /** Opens the journal files at the first change (made already, unless {@link #prepare} has not run yet). */
    private void begin() throws IOException {
        for (int i = 0; i < 2; i++) {
            if (files[i] == null) {
                files[i] = JournalFile.open(journal(i), CAPACITY);
            }
        }
        files[active].begin(++generation);
        begun = true;
    }

    /**
     * The active file becomes the one to checkpoint; the other, retired, takes appends. Not forced
     * here, under the lock every writer takes: the next sync forces it with the active one.
     */
    private void swap() {
        swappedUnforced = true;
        retiring = pending;
        pending = new LinkedHashMap<>();
        active = 1 - active;
        files[active].begin(++generation);
    }

    /** Returns once every change this thread staged is durable, sharing an fdatasync with others. */
    public void sync() throws IOException {
        long mine;
        long covers;
        JournalFile file;
        JournalFile swappedOut;
        synchronized (this) {
            mine = ++asked;
            while (synced < mine && syncing) {
                await();
            }
            if (synced >= mine || !begun) {
                return;
            }
            syncing = true;
            covers = asked; // every append counted so far happened before this fdatasync starts
            file = files[active];
            swappedOut = swappedUnforced ? files[1 - active] : null;
            swappedUnforced = false;
        }
        boolean done = false;
        try {
            if (swappedOut != null) {
                swappedOut.force();
            }
            file.force();
            done = true;
        } finally {
            synchronized (this) {
                syncing = false;
                if (done) {
                    synced = Math.max(synced, covers);
                } else if (swappedOut != null) {
                    swappedUnforced = true;
                }
                notifyAll();
            }
        }
    }

    /** Writes every change synced so far into the directory's files, forced, and empties the journal. */
    public void checkpoint() throws IOException {
        synchronized (checkpointLock) {
            writeRetiring();
            synchronized (this) {
                // A writer may have swapped meanwhile (its file was full): then that one is written below.
                if (!closed && retiring.isEmpty() && !pending.isEmpty()) {
                    swap();
                }
            }
            writeRetiring();
        }
    }

    /** The timer's checkpoint: put off while changes keep coming. */
    private void checkpointWhenQuiet() {
        synchronized (this) {
            long wait = (lastChange + quietMillis * 1_000_000 - System.nanoTime()) / 1_000_000;
            if (wait > 0 && !closed && !pending.isEmpty()) {
                Checkpoints.after(wait, this::checkpointWhenQuiet);
                return;
            }
            scheduled = false;
        }
        checkpointQuietly();
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            // Nothing is lost: the journal keeps the changes, and a restart replays them.
            synchronized (this) {
                checkpointFailure = e instanceof IOException failure ? failure : new IOException(e);
                notifyAll();
            }
            LOG.warn("cannot write the files of {} from its journal, trying again: {}", dir, e.toString());
            Checkpoints.after(quietMillis, this::checkpointQuietly);
        }
    }

    /** The retiring file's changes into the directory, then the file retired. Holds checkpointLock. */
    private void writeRetiring() throws IOException {
        Map<String, Change> changes;
        JournalFile file;
        synchronized (this) {
            if (closed || retiring.isEmpty()) {
                return;
            }
            changes = retiring;
            file = files[1 - active];
        }
        apply(changes.values());
        file.retire();
        synchronized (this) {
            retiring = Map.of();
            checkpointFailure = null;
            notifyAll();
        }
    }

    /**
     * Each change as a file replaced or removed, then all forced and the directory too. Files are
     * renamed before they are forced: until the journal is retired, a crash is repaired by replay.
     */
    private void apply(Collection<Change> changes) throws IOException {
        List<Path> written = new ArrayList<>();
        boolean removed = false;
        for (Change change : changes) {
            Path file = dir.resolve(change.name());
            if (change.content() == null) {
                removed |= AtomicFiles.remove(file);
            } else {
                AtomicFiles.replace(file, change.content(), false);
                written.add(file);
            }
        }
        for (Path file : written) {
            AtomicFiles.force(file);
        }
        if (removed || !written.isEmpty()) { // a define undefined before its checkpoint changed nothing
            AtomicFiles.syncDirectory(dir);
        }
    }

    /** What a crash left in the journal files, oldest first, written to the directory; the files retired. */
    private void replay() throws IOException {
        synchronized (checkpointLock) {
            List<JournalFile.Contents> found = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                if (Files.exists(journal(i))) {
                    files[i] = JournalFile.open(journal(i), CAPACITY);
                    found.add(files[i].read());
                }
            }
            found.sort(Comparator.comparingLong(JournalFile.Contents::generation));
            Map<String, Change> changes = new LinkedHashMap<>();
            for (JournalFile.Contents contents : found) {
                for (Change change : contents.changes()) {
                    changes.remove(change.name());
                    changes.put(change.name(), change);
                }
                generation = Math.max(generation, contents.generation());
            }
            if (generation == 0) {
                return; // nothing was journaled, or every file was retired
            }
            apply(changes.values());
            for (JournalFile file : files) {
                if (file != null) {
                    file.retire();
                }
            }
        }
    }

    private Path journal(int i) {
        return dir.resolve(".journal-" + i);
    }

    private void await() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + dir + " was written", e);
        }
    }

    /**
     * Writes what is journaled into the files and closes the journal. A failure is only logged:
     * nothing is lost, the journal is replayed at the next open.
     */
    @Override
    public void close() {
        try {
            checkpoint();
        } catch (IOException e) {
            LOG.warn("cannot write {} from its journal; it is replayed at the next start: {}", dir, e.toString());
        } finally {
            abandon();
            OPEN.remove(dir, this);
        }
    }

    /** Stops touching the directory, after a checkpoint in progress; what is journaled stays for a replay. */
    private void abandon() {
        synchronized (checkpointLock) {
            synchronized (this) {
                closed = true;
                for (JournalFile file : files) {
                    try {
                        if (file != null) {
                            file.close();
                        }
                    } catch (IOException e) {
                        LOG.debug("closing a journal of {}: {}", dir, e.toString());
                    }
                }
                notifyAll();
            }
        }
    }
}
