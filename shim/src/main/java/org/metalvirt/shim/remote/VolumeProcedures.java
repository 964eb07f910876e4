package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_CREATE_XML;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_CREATE_XML_FROM;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_DELETE;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_GET_INFO;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_GET_INFO_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_GET_PATH;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_GET_XML_DESC;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_LOOKUP_BY_KEY;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_LOOKUP_BY_NAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_LOOKUP_BY_PATH;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_RESIZE;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_VOL_WIPE;

import java.util.Optional;
import java.util.UUID;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.protocol.StorageFlags.Single;
import org.metalvirt.shim.protocol.StorageVol;
import org.metalvirt.shim.protocol.Types.RemoteStorageVol;
import org.metalvirt.shim.storage.PoolRecord;
import org.metalvirt.shim.storage.StorageService;
import org.metalvirt.shim.storage.VolumeXml;
import org.metalvirt.storage.VolumeFacts;

/** The storage volume calls: a volume handle names its pool by name, and the volume by name. */
final class VolumeProcedures {

    private final StorageService storage;

    VolumeProcedures(StorageService storage) {
        this.storage = storage;
    }

    void bindTo(DriverTable table) {
        table.bind(STORAGE_VOL_LOOKUP_BY_NAME, (s, a) -> {
                    PoolRecord pool = storage.lookup(a.pool().uuid());
                    return new StorageVol.LookupByNameRet(handle(pool, storage.volumeByName(pool.uuid(), a.name())));
                })
                .bind(STORAGE_VOL_LOOKUP_BY_KEY, (s, a) -> {
                    StorageService.Located found = storage.locate(a.key(), true);
                    return new StorageVol.LookupByKeyRet(handle(found.pool(), found.volume()));
                })
                .bind(STORAGE_VOL_LOOKUP_BY_PATH, (s, a) -> {
                    StorageService.Located found = storage.locate(a.path(), false);
                    return new StorageVol.LookupByPathRet(handle(found.pool(), found.volume()));
                })
                .bind(STORAGE_VOL_CREATE_XML, (s, a) -> {
                    PoolRecord pool = storage.lookup(a.pool().uuid());
                    return new StorageVol.CreateXmlRet(
                            handle(pool, storage.createVolume(pool.uuid(), a.xml(), Optional.empty())));
                })
                .bind(STORAGE_VOL_CREATE_XML_FROM, (s, a) -> {
                    PoolRecord pool = storage.lookup(a.pool().uuid());
                    PoolRecord from = storage.lookupByName(a.clonevol().pool());
                    if (!from.uuid().equals(pool.uuid())) {
                        throw STORAGE_VOL_CREATE_XML_FROM.notServed();
                    }
                    return new StorageVol.CreateXmlFromRet(handle(
                            pool,
                            storage.createVolume(
                                    pool.uuid(),
                                    a.xml(),
                                    Optional.of(a.clonevol().name()))));
                })
                .bind(STORAGE_VOL_DELETE, (s, a) -> {
                    storage.deleteVolume(pool(a.vol()), a.vol().name());
                    return null;
                })
                .bind(STORAGE_VOL_WIPE, (s, a) -> {
                    storage.wipeVolume(pool(a.vol()), a.vol().name());
                    return null;
                })
                .bind(STORAGE_VOL_RESIZE, (s, a) -> {
                    storage.resizeVolume(
                            pool(a.vol()),
                            a.vol().name(),
                            a.capacity(),
                            Single.VOL_RESIZE_DELTA.in(a.flags()),
                            Single.VOL_RESIZE_SHRINK.in(a.flags()));
                    return null;
                })
                .bind(STORAGE_VOL_GET_INFO, (s, a) -> {
                    VolumeFacts volume = now(a.vol());
                    return new StorageVol.GetInfoRet(type(volume), volume.capacity(), volume.allocation());
                })
                .bind(STORAGE_VOL_GET_INFO_FLAGS, (s, a) -> {
                    VolumeFacts volume = now(a.vol());
                    return new StorageVol.GetInfoFlagsRet(type(volume), volume.capacity(), volume.allocation());
                })
                .bind(STORAGE_VOL_GET_XML_DESC, (s, a) -> new StorageVol.GetXmlDescRet(VolumeXml.format(now(a.vol()))))
                .bind(
                        STORAGE_VOL_GET_PATH,
                        (s, a) -> new StorageVol.GetPathRet(
                                storage.volumeByName(pool(a.vol()), a.vol().name())
                                        .path()));
    }

    private VolumeFacts now(RemoteStorageVol vol) {
        return storage.volumeNow(pool(vol), vol.name());
    }

    private UUID pool(RemoteStorageVol vol) {
        return storage.lookupByName(vol.pool()).uuid();
    }

    /** virStorageVolType: file 0, block 1, dir 2, network 3. */
    private static int type(VolumeFacts volume) {
        return switch (volume.type()) {
            case "block" -> 1;
            case "dir" -> 2;
            case "network" -> 3;
            default -> 0;
        };
    }

    static RemoteStorageVol handle(PoolRecord pool, VolumeFacts volume) {
        return new RemoteStorageVol(pool.name(), volume.name(), volume.key());
    }
}
