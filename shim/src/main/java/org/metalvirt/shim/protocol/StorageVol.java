package org.metalvirt.shim.protocol;

import org.metalvirt.shim.protocol.Types.RemoteStoragePool;
import org.metalvirt.shim.protocol.Types.RemoteStorageVol;

/** Records of the {@code remote_storage_vol_*} structs, fields in XDR order. */
public final class StorageVol {

    private StorageVol() {}

    public record LookupByNameArgs(RemoteStoragePool pool, String name) {}

    public record LookupByNameRet(RemoteStorageVol vol) {}

    public record LookupByKeyArgs(String key) {}

    public record LookupByKeyRet(RemoteStorageVol vol) {}

    public record LookupByPathArgs(String path) {}

    public record LookupByPathRet(RemoteStorageVol vol) {}

    public record CreateXmlArgs(RemoteStoragePool pool, String xml, int flags) {}

    public record CreateXmlRet(RemoteStorageVol vol) {}

    public record CreateXmlFromArgs(RemoteStoragePool pool, String xml, RemoteStorageVol clonevol, int flags) {}

    public record CreateXmlFromRet(RemoteStorageVol vol) {}

    public record DeleteArgs(RemoteStorageVol vol, int flags) {}

    public record WipeArgs(RemoteStorageVol vol, int flags) {}

    public record GetXmlDescArgs(RemoteStorageVol vol, int flags) {}

    public record GetXmlDescRet(String xml) {}

    public record GetInfoArgs(RemoteStorageVol vol) {}

    /** {@code type} is an XDR {@code char}: four bytes on the wire. */
    public record GetInfoRet(int type, long capacity, long allocation) {}

    public record GetInfoFlagsArgs(RemoteStorageVol vol, int flags) {}

    public record GetInfoFlagsRet(int type, long capacity, long allocation) {}

    public record GetPathArgs(RemoteStorageVol vol) {}

    public record GetPathRet(String name) {}

    public record ResizeArgs(RemoteStorageVol vol, long capacity, int flags) {}
}
