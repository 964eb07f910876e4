"""Registers python3-libvirt node-device callbacks as an agent would: lifecycle events of every
device, update events of one (the PF), then waits for LIFECYCLE lifecycle and one update event
(someone changes the VFs meanwhile), deregisters, and prints what it received as JSON.
Usage: node_device_events.py URI PF LIFECYCLE"""
import json
import sys
import threading

import eventloop
import libvirt

uri, pf_name, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
eventloop.start()
conn = libvirt.open(uri)
seen = {"lifecycle": [], "update": []}
done = threading.Event()


def check():
    if len(seen["lifecycle"]) >= wanted and seen["update"]:
        done.set()


def on_lifecycle(conn, dev, event, detail, opaque):
    seen["lifecycle"].append({"dev": dev.name(), "event": event, "detail": detail, "opaque": opaque})
    check()


def on_update(conn, dev, opaque):
    seen["update"].append(dev.name())
    check()


pf = conn.nodeDeviceLookupByName(pf_name)
ids = [
    conn.nodeDeviceEventRegisterAny(None, libvirt.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, on_lifecycle, "all"),
    conn.nodeDeviceEventRegisterAny(pf, libvirt.VIR_NODE_DEVICE_EVENT_ID_UPDATE, on_update, None),
]
seen["received"] = done.wait(60)
for callback in ids:
    conn.nodeDeviceEventDeregisterAny(callback)
conn.close()
eventloop.stop()
print(json.dumps(seen))
