package org.metalvirt.storage;

import java.util.List;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * One type of storage pool on the card, as libvirt's storage backends are: what it can do to its
 * source and volumes. What a type cannot do keeps the default, libvirt's own refusal for a
 * backend without that operation.
 */
public interface PoolDriver {

    /** libvirt's pool type this driver serves. */
    String type();

    /** Makes the pool's source usable ({@code pool-build}); by default there is nothing to build. */
    default void build(PoolSource pool, boolean overwrite) {}

    /**
     * Makes the pool usable on the card (mount, log in, reach the cluster); a source that cannot
     * be reached fails with the reason and leaves nothing behind.
     */
    default void start(PoolSource pool) {}

    /** Undoes {@link #start}. */
    default void stop(PoolSource pool) {}

    /** Removes what {@link #build} made ({@code pool-delete}). */
    default void delete(PoolSource pool) {
        throw unsupported("pool does not support pool deletion");
    }

    /** The pool's space and volumes now. */
    PoolFacts refresh(PoolSource pool);

    /** A volume as it is now; libvirt's NO_STORAGE_VOL or a system error when it is gone. */
    VolumeFacts volume(PoolSource pool, String name);

    default VolumeFacts createVolume(PoolSource pool, NewVolume volume) {
        throw unsupported("storage pool does not support volume creation");
    }

    /** A new volume holding a copy of {@code from}'s data. */
    default VolumeFacts copyVolume(PoolSource pool, NewVolume volume, VolumeFacts from) {
        throw unsupported("storage pool does not support volume creation from an existing volume");
    }

    default void deleteVolume(PoolSource pool, String name) {
        throw unsupported("storage pool does not support vol deletion");
    }

    default void resizeVolume(PoolSource pool, String name, long capacity) {
        throw unsupported("storage pool does not support changing of volume capacity");
    }

    /** Overwrites the volume's data with zeroes. */
    default void wipeVolume(PoolSource pool, String name) {
        throw unsupported("storage pool doesn't support volume wiping");
    }

    /** The volume formats {@link #createVolume} takes; empty when it takes none. */
    default List<String> volumeFormats() {
        return List.of();
    }

    /** libvirt's VIR_ERR_NO_SUPPORT, as its storage driver reports a backend without the operation. */
    static VirtException unsupported(String what) {
        return new VirtException(
                ErrorNumber.NO_SUPPORT,
                ErrorDomain.STORAGE,
                "this function is not supported by the connection driver: " + what);
    }

    /** libvirt's VIR_ERR_NO_STORAGE_VOL. */
    static VirtException noVolume(String detail) {
        return new VirtException(
                ErrorNumber.NO_STORAGE_VOL, ErrorDomain.STORAGE, "Storage volume not found: " + detail);
    }
}
