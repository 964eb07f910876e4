"""Nova's volume detach (nova/virt/libvirt/driver.py, _detach_with_retry): detach from the
persistent config, then from the live domain, and wait for DEVICE_REMOVED naming the device's
alias. Prints JSON. Usage: nova_detach.py URI DOMAIN DISKXML"""
import json
import sys
import threading
import time

import eventloop
import libvirt

uri, name, disk_file = sys.argv[1], sys.argv[2], sys.argv[3]
eventloop.start()
removed = threading.Event()
seen = {"removedAliases": []}


def on_removed(conn, dom, alias, opaque):
    seen["removedAliases"].append(alias)
    if alias == opaque:
        removed.set()


conn = libvirt.open(uri)
dom = conn.lookupByName(name)
with open(disk_file) as f:
    disk = f.read()
flags = libvirt.VIR_DOMAIN_AFFECT_CONFIG | libvirt.VIR_DOMAIN_AFFECT_LIVE
dom.attachDeviceFlags(disk, flags)
live = dom.XMLDesc(0)
alias = "ua-volume-0001"
seen["aliasInLiveXml"] = ("<alias name='%s'/>" % alias) in live
conn.domainEventRegisterAny(dom, libvirt.VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED, on_removed, alias)
dom.detachDeviceFlags(disk, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
started = time.monotonic()
dom.detachDeviceFlags(disk, libvirt.VIR_DOMAIN_AFFECT_LIVE)
seen["removedWithinNovasTimeout"] = removed.wait(20)  # device_detach_timeout, Nova's default
seen["liveHasDisk"] = "vol-0001" in dom.XMLDesc(0)
seen["configHasDisk"] = "vol-0001" in dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
conn.close()
eventloop.stop()
print(json.dumps(seen))
