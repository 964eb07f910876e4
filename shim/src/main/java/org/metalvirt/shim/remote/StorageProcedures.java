package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_ALL_STORAGE_POOLS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_DEFINED_STORAGE_POOLS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_STORAGE_POOLS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NUM_OF_DEFINED_STORAGE_POOLS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NUM_OF_STORAGE_POOLS;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_BUILD;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_CREATE;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_CREATE_XML;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_DEFINE_XML;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_DELETE;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_DESTROY;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_GET_AUTOSTART;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_GET_INFO;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_GET_XML_DESC;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_IS_ACTIVE;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_IS_PERSISTENT;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_LIST_ALL_VOLUMES;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_LIST_VOLUMES;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_LOOKUP_BY_NAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_LOOKUP_BY_TARGET_PATH;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_LOOKUP_BY_UUID;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_LOOKUP_BY_VOLUME;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_NUM_OF_VOLUMES;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_REFRESH;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_SET_AUTOSTART;
import static org.metalvirt.shim.protocol.RemoteProcedures.STORAGE_POOL_UNDEFINE;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.protocol.Connect;
import org.metalvirt.shim.protocol.StorageFlags.ListAllPools;
import org.metalvirt.shim.protocol.StorageFlags.PoolBuild;
import org.metalvirt.shim.protocol.StorageFlags.PoolCreate;
import org.metalvirt.shim.protocol.StorageFlags.Single;
import org.metalvirt.shim.protocol.StoragePool;
import org.metalvirt.shim.protocol.Types.RemoteStoragePool;
import org.metalvirt.shim.storage.PoolRecord;
import org.metalvirt.shim.storage.StorageService;

/** The storage pool calls: each resolves its pool by UUID, as libvirt's driver does, and calls the storage service. */
final class StorageProcedures {

    /** virStoragePoolState: INACTIVE 0, RUNNING 2. */
    private static final int RUNNING = 2;

    private final StorageService storage;

    StorageProcedures(StorageService storage) {
        this.storage = storage;
    }

    void bindTo(DriverTable table) {
        table.bind(
                        CONNECT_NUM_OF_STORAGE_POOLS,
                        (s, none) -> new Connect.NumOfStoragePoolsRet(
                                names(true, Integer.MAX_VALUE).size()))
                .bind(CONNECT_LIST_STORAGE_POOLS, (s, a) -> new Connect.ListStoragePoolsRet(names(true, a.maxnames())))
                .bind(
                        CONNECT_NUM_OF_DEFINED_STORAGE_POOLS,
                        (s, none) -> new Connect.NumOfDefinedStoragePoolsRet(
                                names(false, Integer.MAX_VALUE).size()))
                .bind(
                        CONNECT_LIST_DEFINED_STORAGE_POOLS,
                        (s, a) -> new Connect.ListDefinedStoragePoolsRet(names(false, a.maxnames())))
                .bind(CONNECT_LIST_ALL_STORAGE_POOLS, (s, a) -> {
                    List<RemoteStoragePool> pools = storage.list().stream()
                            .filter(filter(a.flags()))
                            .map(StorageProcedures::handle)
                            .toList();
                    return new Connect.ListAllStoragePoolsRet(a.needResults() == 0 ? List.of() : pools, pools.size());
                })
                .bind(
                        STORAGE_POOL_LOOKUP_BY_NAME,
                        (s, a) -> new StoragePool.LookupByNameRet(handle(storage.lookupByName(a.name()))))
                .bind(
                        STORAGE_POOL_LOOKUP_BY_UUID,
                        (s, a) -> new StoragePool.LookupByUuidRet(handle(storage.lookup(a.uuid()))))
                .bind(
                        STORAGE_POOL_LOOKUP_BY_VOLUME,
                        (s, a) -> new StoragePool.LookupByVolumeRet(
                                handle(storage.lookupByName(a.vol().pool()))))
                .bind(
                        STORAGE_POOL_LOOKUP_BY_TARGET_PATH,
                        (s, a) -> new StoragePool.LookupByTargetPathRet(handle(storage.lookupByTargetPath(a.path()))))
                .bind(STORAGE_POOL_DEFINE_XML, (s, a) -> new StoragePool.DefineXmlRet(handle(storage.define(a.xml()))))
                .bind(
                        STORAGE_POOL_CREATE_XML,
                        (s, a) -> new StoragePool.CreateXmlRet(handle(storage.createTransient(
                                a.xml(), build(a.flags()), PoolCreate.WITH_BUILD_OVERWRITE.in(a.flags())))))
                .bind(STORAGE_POOL_BUILD, (s, a) -> {
                    Flags.exclusive(a.flags(), PoolBuild.OVERWRITE, PoolBuild.NO_OVERWRITE);
                    storage.build(uuid(a.pool()), PoolBuild.OVERWRITE.in(a.flags()));
                    return null;
                })
                .bind(STORAGE_POOL_CREATE, (s, a) -> {
                    Flags.exclusive(a.flags(), PoolCreate.WITH_BUILD_OVERWRITE, PoolCreate.WITH_BUILD_NO_OVERWRITE);
                    storage.start(uuid(a.pool()), build(a.flags()), PoolCreate.WITH_BUILD_OVERWRITE.in(a.flags()));
                    return null;
                })
                .bind(STORAGE_POOL_DESTROY, (s, a) -> {
                    storage.destroy(uuid(a.pool()));
                    return null;
                })
                .bind(STORAGE_POOL_DELETE, (s, a) -> {
                    storage.delete(uuid(a.pool()));
                    return null;
                })
                .bind(STORAGE_POOL_UNDEFINE, (s, a) -> {
                    storage.undefine(uuid(a.pool()));
                    return null;
                })
                .bind(STORAGE_POOL_REFRESH, (s, a) -> {
                    storage.refresh(uuid(a.pool()));
                    return null;
                })
                .bind(
                        STORAGE_POOL_GET_XML_DESC,
                        (s, a) -> new StoragePool.GetXmlDescRet(
                                storage.xml(uuid(a.pool()), Single.XML_INACTIVE.in(a.flags()))))
                .bind(STORAGE_POOL_GET_INFO, (s, a) -> {
                    PoolRecord pool = storage.lookup(uuid(a.pool()));
                    return pool.facts()
                            .map(f -> new StoragePool.GetInfoRet(RUNNING, f.capacity(), f.allocation(), f.available()))
                            .orElse(new StoragePool.GetInfoRet(0, 0, 0, 0));
                })
                .bind(
                        STORAGE_POOL_GET_AUTOSTART,
                        (s, a) -> new StoragePool.GetAutostartRet(
                                storage.lookup(uuid(a.pool())).autostart() ? 1 : 0))
                .bind(STORAGE_POOL_SET_AUTOSTART, (s, a) -> {
                    storage.setAutostart(uuid(a.pool()), a.autostart() != 0);
                    return null;
                })
                .bind(
                        STORAGE_POOL_IS_ACTIVE,
                        (s, a) -> new StoragePool.IsActiveRet(
                                storage.lookup(uuid(a.pool())).active() ? 1 : 0))
                .bind(
                        STORAGE_POOL_IS_PERSISTENT,
                        (s, a) -> new StoragePool.IsPersistentRet(
                                storage.lookup(uuid(a.pool())).persistent() ? 1 : 0))
                .bind(
                        STORAGE_POOL_NUM_OF_VOLUMES,
                        (s, a) -> new StoragePool.NumOfVolumesRet(
                                storage.volumes(uuid(a.pool())).size()))
                .bind(
                        STORAGE_POOL_LIST_VOLUMES,
                        (s, a) -> new StoragePool.ListVolumesRet(storage.volumes(uuid(a.pool())).stream()
                                .limit(Math.max(0, a.maxnames()))
                                .map(v -> v.name())
                                .toList()))
                .bind(STORAGE_POOL_LIST_ALL_VOLUMES, (s, a) -> {
                    PoolRecord pool = storage.lookup(uuid(a.pool()));
                    var vols = storage.volumes(pool.uuid()).stream()
                            .map(v -> VolumeProcedures.handle(pool, v))
                            .toList();
                    return new StoragePool.ListAllVolumesRet(a.needResults() == 0 ? List.of() : vols, vols.size());
                });
        new VolumeProcedures(storage).bindTo(table);
    }

    private static boolean build(int flags) {
        return PoolCreate.WITH_BUILD.in(flags)
                || PoolCreate.WITH_BUILD_OVERWRITE.in(flags)
                || PoolCreate.WITH_BUILD_NO_OVERWRITE.in(flags);
    }

    private List<String> names(boolean active, int max) {
        return storage.list().stream()
                .filter(pool -> pool.active() == active)
                .map(PoolRecord::name)
                .sorted()
                .limit(Math.max(0, max))
                .toList();
    }

    /** virConnectListAllStoragePools' filters: each group given narrows; a type bit names its pool type. */
    private static Predicate<PoolRecord> filter(int flags) {
        Predicate<PoolRecord> all = pool -> true;
        all = all.and(pair(flags, ListAllPools.ACTIVE, ListAllPools.INACTIVE, PoolRecord::active));
        all = all.and(pair(flags, ListAllPools.PERSISTENT, ListAllPools.TRANSIENT, PoolRecord::persistent));
        all = all.and(pair(flags, ListAllPools.AUTOSTART, ListAllPools.NO_AUTOSTART, PoolRecord::autostart));
        int typeBits = flags & ~0x3f;
        if (typeBits != 0) {
            all = all.and(pool -> {
                String bit = pool.definition()
                        .source()
                        .type()
                        .toUpperCase(Locale.ROOT)
                        .replace('-', '_');
                return (ListAllPools.valueOf(bit).code() & typeBits) != 0;
            });
        }
        return all;
    }

    private static Predicate<PoolRecord> pair(
            int flags, ListAllPools yes, ListAllPools no, Predicate<PoolRecord> property) {
        boolean wantYes = yes.in(flags);
        boolean wantNo = no.in(flags);
        if (wantYes == wantNo) {
            return pool -> true;
        }
        return wantYes ? property : property.negate();
    }

    static RemoteStoragePool handle(PoolRecord pool) {
        return new RemoteStoragePool(pool.name(), pool.uuid());
    }

    private static java.util.UUID uuid(RemoteStoragePool pool) {
        return pool.uuid();
    }
}
