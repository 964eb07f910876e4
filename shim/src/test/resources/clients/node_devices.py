"""Lists the host's node devices with python3-libvirt the way Nova's PCI tracker does
(listAllDevices with capability flags, XMLDesc, listCaps, parent), tries the calls a read-only
connection may not make and an unknown name, and prints what it saw as JSON.
Usage: node_devices.py URI [ro]"""
import json
import sys
import xml.etree.ElementTree as ET

import libvirt

uri = sys.argv[1]
read_only = len(sys.argv) > 2 and sys.argv[2] == "ro"
conn = libvirt.openReadOnly(uri) if read_only else libvirt.open(uri)


def names(flags):
    return sorted(dev.name() for dev in conn.listAllDevices(flags))


def error_of(call):
    try:
        call()
        return None
    except libvirt.libvirtError as e:
        return {"code": e.get_error_code(), "domain": e.get_error_domain(), "message": e.get_error_message()}


pci_and_net = libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV | libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET
vfs = {}
for dev in conn.listAllDevices(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV):
    xml = ET.fromstring(dev.XMLDesc(0))
    pf = xml.find("capability/capability[@type='phys_function']/address")
    if pf is not None:
        vfs[dev.name()] = {
            "pf": "%04x:%02x:%02x.%x" % tuple(int(pf.get(k), 16) for k in ("domain", "bus", "slot", "function")),
            "vendor": xml.find("capability/vendor").get("id"),
            "product": xml.find("capability/product").get("id"),
            "caps": dev.listCaps(),
            "parent": dev.parent(),
        }

result = {
    "all": names(0),
    "pciAndNet": names(pci_and_net),
    "vpd": names(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD),
    "count": conn.numOfDevices("pci", 0),
    "listed": sorted(conn.listDevices("net", 0)),
    "vfs": vfs,
    "pfCaps": conn.nodeDeviceLookupByName("pci_0000_5e_00_0").listCaps(),
    "unknown": error_of(lambda: conn.nodeDeviceLookupByName("pci_0000_99_00_0")),
    "wwn": error_of(lambda: conn.nodeDeviceLookupSCSIHostByWWN("20000000c9831b4b", "10000000c9831b4b", 0)),
    "detach": error_of(lambda: conn.nodeDeviceLookupByName("pci_0000_5e_01_1").detachFlags("vfio", 0)),
    "kvm": error_of(lambda: conn.nodeDeviceLookupByName("pci_0000_5e_01_1").detachFlags("kvm", 0)),
    "create": error_of(lambda: conn.nodeDeviceCreateXML("<device/>", 0)),
}
print(json.dumps(result))
