"""Nova's sequence for one instance, as nova/virt/libvirt drives it (spawn, soft reboot,
delete), against a daemon. Prints JSON of what it saw. Usage: nova_boot.py URI XMLFILE"""
import json
import sys
import time

import libvirt

uri, xml_file = sys.argv[1], sys.argv[2]
BOUND_S = 30  # every wait below waits for a state, bounded


def wait_for(predicate):
    deadline = time.monotonic() + BOUND_S
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


conn = libvirt.open(uri)
seen = {}
with open(xml_file) as f:
    dom = conn.defineXML(f.read())
seen["definedId"] = dom.ID()
dom = conn.lookupByUUIDString(dom.UUIDString())

# spawn: paused start while VIFs are plugged, then resume and poll until running
dom.createWithFlags(libvirt.VIR_DOMAIN_START_PAUSED)
seen["pausedState"] = dom.state()
seen["pausedId"] = dom.ID()
dom.resume()
seen["runningReached"] = wait_for(lambda: conn.lookupByUUIDString(dom.UUIDString()).info()[0] == libvirt.VIR_DOMAIN_RUNNING)
dom = conn.lookupByUUIDString(dom.UUIDString())
seen["info"] = list(dom.info())
seen["liveXmlHasId"] = ("id='%d'" % dom.ID()) in dom.XMLDesc(0)
seen["isActive"] = dom.isActive()
seen["isPersistent"] = dom.isPersistent()

# soft reboot: shutdown, wait for the id to change and the state to be shut off, create again
old_id = dom.ID()
dom.shutdown()
seen["shutOffReached"] = wait_for(lambda: conn.lookupByUUIDString(dom.UUIDString()).info()[0] == libvirt.VIR_DOMAIN_SHUTOFF)
dom = conn.lookupByUUIDString(dom.UUIDString())
dom.createWithFlags(0)
dom = conn.lookupByUUIDString(dom.UUIDString())
seen["idChanged"] = dom.ID() != old_id and dom.ID() > 0
seen["stateAfterReboot"] = dom.state()

# delete
dom.destroy()
seen["stateAfterDestroy"] = dom.state()
dom.undefineFlags(libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | libvirt.VIR_DOMAIN_UNDEFINE_NVRAM)
try:
    conn.lookupByUUIDString(dom.UUIDString())
    seen["lookupAfterUndefine"] = "found"
except libvirt.libvirtError as e:
    seen["lookupAfterUndefine"] = e.get_error_code()
conn.close()
print(json.dumps(seen))
