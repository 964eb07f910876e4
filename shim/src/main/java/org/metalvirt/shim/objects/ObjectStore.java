package org.metalvirt.shim.objects;

import java.util.UUID;

/**
 * Where a table keeps its objects across restarts; a save is atomic (temp file, fsync, rename,
 * as {@link org.metalvirt.io.AtomicFiles} writes), so a crash leaves the old or the new record.
 */
public interface ObjectStore<R> {

    void save(R record);

    void delete(UUID uuid);
}
