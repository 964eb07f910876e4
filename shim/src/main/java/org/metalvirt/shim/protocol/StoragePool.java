package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.UUID;
import org.metalvirt.shim.protocol.Types.RemoteStoragePool;
import org.metalvirt.shim.protocol.Types.RemoteStorageVol;
import org.metalvirt.shim.xdr.Max;

/** Records of the {@code remote_storage_pool_*} structs, fields in XDR order. */
public final class StoragePool {

    private StoragePool() {}

    public record EventLifecycleMsg(int callbackID, RemoteStoragePool pool, int event, int detail) {}

    public record EventRefreshMsg(int callbackID, RemoteStoragePool pool) {}

    public record LookupByNameArgs(String name) {}

    public record LookupByNameRet(RemoteStoragePool pool) {}

    public record LookupByUuidArgs(UUID uuid) {}

    public record LookupByUuidRet(RemoteStoragePool pool) {}

    public record LookupByVolumeArgs(RemoteStorageVol vol) {}

    public record LookupByVolumeRet(RemoteStoragePool pool) {}

    public record LookupByTargetPathArgs(String path) {}

    public record LookupByTargetPathRet(RemoteStoragePool pool) {}

    public record CreateXmlArgs(String xml, int flags) {}

    public record CreateXmlRet(RemoteStoragePool pool) {}

    public record DefineXmlArgs(String xml, int flags) {}

    public record DefineXmlRet(RemoteStoragePool pool) {}

    public record BuildArgs(RemoteStoragePool pool, int flags) {}

    public record UndefineArgs(RemoteStoragePool pool) {}

    public record CreateArgs(RemoteStoragePool pool, int flags) {}

    public record DestroyArgs(RemoteStoragePool pool) {}

    public record DeleteArgs(RemoteStoragePool pool, int flags) {}

    public record RefreshArgs(RemoteStoragePool pool, int flags) {}

    public record GetXmlDescArgs(RemoteStoragePool pool, int flags) {}

    public record GetXmlDescRet(String xml) {}

    public record GetInfoArgs(RemoteStoragePool pool) {}

    /** {@code state} is an XDR {@code unsigned char}: four bytes on the wire, as every int. */
    public record GetInfoRet(int state, long capacity, long allocation, long available) {}

    public record GetAutostartArgs(RemoteStoragePool pool) {}

    public record GetAutostartRet(int autostart) {}

    public record SetAutostartArgs(RemoteStoragePool pool, int autostart) {}

    public record NumOfVolumesArgs(RemoteStoragePool pool) {}

    public record NumOfVolumesRet(int num) {}

    public record ListVolumesArgs(RemoteStoragePool pool, int maxnames) {}

    public record ListVolumesRet(@Max(16384) List<String> names) {}

    public record IsActiveArgs(RemoteStoragePool pool) {}

    public record IsActiveRet(int active) {}

    public record IsPersistentArgs(RemoteStoragePool pool) {}

    public record IsPersistentRet(int persistent) {}

    public record ListAllVolumesArgs(RemoteStoragePool pool, int needResults, int flags) {}

    public record ListAllVolumesRet(@Max(16384) List<RemoteStorageVol> vols, int ret) {}
}
