package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_ALL_NODE_DEVICES;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_DETACH_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_DETTACH;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_GET_PARENT;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_GET_XML_DESC;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_IS_ACTIVE;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_IS_PERSISTENT;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_LIST_CAPS;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_LOOKUP_BY_NAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_NUM_OF_CAPS;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_RESET;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_DEVICE_RE_ATTACH;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_LIST_DEVICES;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_NUM_OF_DEVICES;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.hostxml.NodeDeviceDef;
import org.metalvirt.hostxml.NodeDeviceXml;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.protocol.Connect;
import org.metalvirt.shim.protocol.LibvirtFlags.ListNodeDevices;
import org.metalvirt.shim.protocol.Node;
import org.metalvirt.shim.protocol.NodeDevice;
import org.metalvirt.shim.protocol.Types.RemoteNodeDevice;

/**
 * libvirt's node-device API over the server's devices on the card ({@link NodeDevices}). Creating,
 * defining and destroying devices (mediated devices) stay "not supported": the card has none.
 */
final class NodeDeviceProcedures {

    /** libvirtd's REMOTE_NODE_DEVICE_LIST_MAX and REMOTE_NODE_DEVICE_CAPS_LIST_MAX. */
    private static final int LIST_MAX = 65536;

    /** The capability filters of virConnectListAllNodeDevices this host's devices can match. */
    private static final Map<ListNodeDevices, String> FILTERS = Map.of(
            ListNodeDevices.CAP_SYSTEM, "system",
            ListNodeDevices.CAP_PCI_DEV, "pci",
            ListNodeDevices.CAP_NET, "net",
            ListNodeDevices.CAP_VPD, "vpd");

    private static final int CAP_FILTERS = (1 << 22) - 1;

    private final NodeDevices devices;

    NodeDeviceProcedures(NodeDevices devices) {
        this.devices = devices;
    }

    void bindTo(DriverTable table) {
        table.bind(
                        NODE_NUM_OF_DEVICES,
                        (session, args) ->
                                new Node.NumOfDevicesRet(withCap(args.cap()).size()))
                .bind(NODE_LIST_DEVICES, (session, args) -> {
                    checkListMax(args.maxnames());
                    return new Node.ListDevicesRet(withCap(args.cap()).stream()
                            .map(NodeDeviceDef::name)
                            .limit(args.maxnames())
                            .toList());
                })
                .bind(CONNECT_LIST_ALL_NODE_DEVICES, (session, args) -> listAll(args))
                .bind(
                        NODE_DEVICE_LOOKUP_BY_NAME,
                        (session, args) -> new NodeDevice.LookupByNameRet(handle(devices.get(args.name()))))
                .bind(NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN, (session, args) -> {
                    // The card shows the server no SCSI or Fibre Channel host.
                    throw Failures.noNodeDevice(
                            "no SCSI host with wwnn '" + args.wwnn() + "' and wwpn '" + args.wwpn() + "'");
                })
                .bind(
                        NODE_DEVICE_GET_XML_DESC,
                        (session, args) -> new NodeDevice.GetXmlDescRet(NodeDeviceXml.format(devices.get(args.name()))))
                .bind(
                        NODE_DEVICE_GET_PARENT,
                        (session, args) -> new NodeDevice.GetParentRet(
                                devices.get(args.name()).parent()))
                .bind(
                        NODE_DEVICE_NUM_OF_CAPS,
                        (session, args) -> new NodeDevice.NumOfCapsRet(
                                devices.get(args.name()).capabilities().size()))
                .bind(NODE_DEVICE_LIST_CAPS, (session, args) -> {
                    checkListMax(args.maxnames());
                    return new NodeDevice.ListCapsRet(devices.get(args.name()).capabilities().stream()
                            .limit(args.maxnames())
                            .toList());
                })
                // Every device listed is there now; none is defined to come back.
                .bind(NODE_DEVICE_IS_ACTIVE, (session, args) -> {
                    devices.get(args.name());
                    return new NodeDevice.IsActiveRet(1);
                })
                .bind(NODE_DEVICE_IS_PERSISTENT, (session, args) -> {
                    devices.get(args.name());
                    return new NodeDevice.IsPersistentRet(0);
                })
                .bind(NODE_DEVICE_DETTACH, (session, args) -> {
                    devices.detach(args.name(), driver(session));
                    return null;
                })
                .bind(NODE_DEVICE_DETACH_FLAGS, (session, args) -> {
                    checkDriverName(args.driverName());
                    devices.detach(args.name(), driver(session));
                    return null;
                })
                .bind(NODE_DEVICE_RE_ATTACH, (session, args) -> {
                    devices.reattach(args.name(), driver(session));
                    return null;
                })
                .bind(NODE_DEVICE_RESET, (session, args) -> {
                    devices.reset(args.name(), driver(session));
                    return null;
                });
    }

    private List<NodeDeviceDef> withCap(Optional<String> cap) {
        return devices.all().stream()
                .filter(device -> cap.isEmpty() || device.capabilities().contains(cap.get()))
                .toList();
    }

    /** Any capability asked for matches; the active filters pass every device, all of them active. */
    private Connect.ListAllNodeDevicesRet listAll(Connect.ListAllNodeDevicesArgs args) {
        int flags = args.flags();
        List<RemoteNodeDevice> matching = devices.all().stream()
                .filter(device -> (flags & CAP_FILTERS) == 0
                        || FILTERS.entrySet().stream()
                                .anyMatch(filter -> (flags & filter.getKey().code()) != 0
                                        && device.capabilities().contains(filter.getValue())))
                .filter(device -> (flags & (ListNodeDevices.ACTIVE.code() | ListNodeDevices.INACTIVE.code())) == 0
                        || (flags & ListNodeDevices.ACTIVE.code()) != 0)
                .map(NodeDeviceProcedures::handle)
                .toList();
        return new Connect.ListAllNodeDevicesRet(args.needResults() != 0 ? matching : List.of(), matching.size());
    }

    /** The driver a device in use is named as used by: the connection's own type, as QEMU's is "QEMU". */
    private static String driver(Session session) {
        return ConnectProcedures.personality(session).type();
    }

    /** QEMU's rule: vfio (the default) is the one driver; the old KVM assignment is gone. */
    private static void checkDriverName(Optional<String> name) {
        if (name.isEmpty() || name.get().equals("vfio")) {
            return;
        }
        if (name.get().equals("kvm")) {
            throw new VirtException(
                    ErrorNumber.ARGUMENT_UNSUPPORTED,
                    ErrorDomain.QEMU,
                    "argument unsupported: KVM device assignment is no longer supported on this system");
        }
        throw new VirtException(
                ErrorNumber.INVALID_ARG,
                ErrorDomain.QEMU,
                "invalid argument: unknown driver name '" + name.get() + "'");
    }

    private static void checkListMax(int max) {
        if (max < 0 || max > LIST_MAX) {
            throw new VirtException(
                    ErrorNumber.RPC, ErrorDomain.RPC, "too many node devices requested: " + max + " > " + LIST_MAX);
        }
    }

    private static RemoteNodeDevice handle(NodeDeviceDef device) {
        return new RemoteNodeDevice(device.name());
    }
}
