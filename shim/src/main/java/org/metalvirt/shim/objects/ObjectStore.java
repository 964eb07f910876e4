package org.metalvirt.shim.objects;

import java.util.UUID;

/**
 * Where a table keeps its objects across restarts; a save is atomic and durable when it returns
 * (journaled and forced, as {@link org.metalvirt.io.DurableDirectory} writes), so a crash leaves
 * the old or the new record.
 */
public interface ObjectStore<R> {

    void save(R record);

    void delete(UUID uuid);

    /** At the daemon's stop: what is saved is durable already, this only tidies (a journal written out). */
    default void close() {}
}
