package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.Optional;
import org.metalvirt.shim.protocol.Types.RemoteNodeDevice;
import org.metalvirt.shim.xdr.Max;

/**
 * Records of the {@code remote_node_device_*} structs, fields in XDR order:
 * {@code NodeDevice.LookupByNameArgs} is {@code remote_node_device_lookup_by_name_args}, an
 * event's message {@code NodeDevice.EventLifecycleMsg} is {@code remote_node_device_event_lifecycle_msg}.
 */
public final class NodeDevice {

    private NodeDevice() {}

    public record LookupByNameArgs(String name) {}

    public record LookupByNameRet(RemoteNodeDevice dev) {}

    public record LookupScsiHostByWwnArgs(String wwnn, String wwpn, int flags) {}

    public record LookupScsiHostByWwnRet(RemoteNodeDevice dev) {}

    public record GetXmlDescArgs(String name, int flags) {}

    public record GetXmlDescRet(String xml) {}

    public record GetParentArgs(String name) {}

    public record GetParentRet(Optional<String> parentName) {}

    public record NumOfCapsArgs(String name) {}

    public record NumOfCapsRet(int num) {}

    public record ListCapsArgs(String name, int maxnames) {}

    public record ListCapsRet(@Max(65536) List<String> names) {}

    public record DettachArgs(String name) {}

    public record DetachFlagsArgs(String name, Optional<String> driverName, int flags) {}

    public record ReAttachArgs(String name) {}

    public record ResetArgs(String name) {}

    public record IsPersistentArgs(String name) {}

    public record IsPersistentRet(int persistent) {}

    public record IsActiveArgs(String name) {}

    public record IsActiveRet(int active) {}

    public record EventLifecycleMsg(int callbackID, RemoteNodeDevice dev, int event, int detail) {}

    public record EventUpdateMsg(int callbackID, RemoteNodeDevice dev) {}
}
