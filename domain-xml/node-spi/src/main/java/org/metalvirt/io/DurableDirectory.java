package org.metalvirt.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory whose files are replaced atomically and durably, where concurrent writers share
 * the fsync of the directory (group commit): each writer forces its own file, renames it, then
 * waits for one directory fsync begun after its rename. While one fsync runs, the writers that
 * arrive queue behind it and the next one covers them all; nobody waits longer than the fsync in
 * progress plus one, and nobody sleeps.
 */
public final class DurableDirectory {

    private final Path dir;
    /** Renames waiting to be made durable, counted; {@link #synced} is how many are. */
    private long renamed;

    private long synced;
    private boolean syncing;

    public DurableDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** Replaces {@code name} with {@code content}; durable when {@link #sync()} returns. */
    public void stage(String name, byte[] content) throws IOException {
        AtomicFiles.replace(dir.resolve(name), content, true);
    }

    /** Removes {@code name}, if present (then true); durable when {@link #sync()} returns. */
    public boolean unlink(String name) throws IOException {
        return Files.deleteIfExists(dir.resolve(name));
    }

    /** Returns once every change this thread staged is on disk, sharing an fsync with others. */
    public void sync() throws IOException {
        long mine;
        long covers;
        synchronized (this) {
            mine = ++renamed;
            while (synced < mine && syncing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while " + dir + " was synced", e);
                }
            }
            if (synced >= mine) {
                return;
            }
            syncing = true;
            covers = renamed; // every rename counted so far happened before this fsync starts
        }
        boolean done = false;
        try {
            AtomicFiles.syncDirectory(dir);
            done = true;
        } finally {
            synchronized (this) {
                syncing = false;
                if (done) {
                    synced = Math.max(synced, covers);
                }
                notifyAll();
            }
        }
    }
}
