"""Drives a dir pool with python3-libvirt: define, build, start, listAllStoragePools with its
filters, lookups by name, UUID, volume and target path, volumes created, read and deleted, and
a qcow2 overlay with permissions and a backing store, libvirt's errors for an unknown pool or
volume and a raw volume with a backing store; prints what it saw as JSON.
Usage: storage_pools.py URI DIR"""
import json
import sys
import xml.etree.ElementTree as ET

import libvirt

uri, target = sys.argv[1], sys.argv[2]
conn = libvirt.open(uri)


def error_of(call):
    try:
        call()
        return None
    except libvirt.libvirtError as e:
        return {"code": e.get_error_code(), "domain": e.get_error_domain(), "message": e.get_error_message()}


def names(flags):
    return sorted(pool.name() for pool in conn.listAllStoragePools(flags))


pool = conn.storagePoolDefineXML(
    "<pool type='dir'><name>py-images</name><target><path>%s</path></target></pool>" % target, 0)
before = {"active": pool.isActive(), "persistent": pool.isPersistent(), "autostart": pool.autostart()}
pool.build(0)
pool.create(0)
pool.setAutostart(1)

volume = pool.createXML(
    "<volume><name>root.qcow2</name><capacity unit='MiB'>32</capacity>"
    "<target><format type='qcow2'/></target></volume>", 0)
raw = pool.createXML("<volume><name>swap.img</name><capacity unit='MiB'>8</capacity></volume>", 0)
vol_xml = ET.fromstring(volume.XMLDesc(0))
by_name = conn.storagePoolLookupByName("py-images")
info = by_name.info()
result = {
    "before": before,
    "all": names(0),
    "active": names(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE),
    "inactive": names(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE),
    "dir": names(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_DIR),
    "rbd": names(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_RBD),
    "autostart": names(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART),
    "uuid": by_name.UUIDString() == pool.UUIDString(),
    "byUuid": conn.storagePoolLookupByUUIDString(pool.UUIDString()).name(),
    "state": info[0],
    "capacityPositive": info[1] > 0,
    "numOfVolumes": by_name.numOfVolumes(),
    "volumes": sorted(by_name.listVolumes()),
    "allVolumes": sorted(v.name() for v in by_name.listAllVolumes(0)),
    "volInfo": volume.info(),
    "volPath": volume.path(),
    "volKey": volume.key(),
    "volFormat": vol_xml.find("target/format").get("type"),
    "byPath": conn.storageVolLookupByPath(volume.path()).name(),
    "byKey": conn.storageVolLookupByKey(raw.key()).name(),
    "poolOfVolume": volume.storagePoolLookupByVolume().name(),
    "byTargetPath": conn.storagePoolLookupByTargetPath(target).name(),
    "exists": error_of(lambda: pool.createXML(
        "<volume><name>swap.img</name><capacity>1024</capacity></volume>", 0)),
}
overlay = pool.createXML(
    "<volume><name>overlay.qcow2</name>"
    "<target><format type='qcow2'/><permissions><mode>0640</mode></permissions></target>"
    "<backingStore><path>%s</path><format type='qcow2'/></backingStore></volume>" % volume.path(), 0)
overlay_xml = ET.fromstring(overlay.XMLDesc(0))
result["overlay"] = {
    "capacity": overlay.info()[1],
    "mode": overlay_xml.findtext("target/permissions/mode"),
    "backingPath": overlay_xml.findtext("backingStore/path"),
    "backingFormat": overlay_xml.find("backingStore/format").get("type"),
}
result["rawWithBacking"] = error_of(lambda: pool.createXML(
    "<volume><name>bad.img</name><capacity>1024</capacity><target><format type='raw'/></target>"
    "<backingStore><path>%s</path></backingStore></volume>" % volume.path(), 0))
overlay.delete(0)
raw.delete(0)
result["afterDelete"] = sorted(by_name.listVolumes())
result["deletedLookup"] = error_of(lambda: by_name.storageVolLookupByName("swap.img"))
result["unknownPool"] = error_of(lambda: conn.storagePoolLookupByName("no-such-pool"))
result["readOnlyDefine"] = error_of(lambda: libvirt.openReadOnly(uri).storagePoolDefineXML(
    "<pool type='dir'><name>ro</name><target><path>/tmp/ro</path></target></pool>", 0))
volume.delete(0)
pool.destroy()
result["inactiveVolumes"] = error_of(lambda: pool.listVolumes())
pool.delete(0)
pool.undefine()
result["afterUndefine"] = names(0)
print(json.dumps(result))
