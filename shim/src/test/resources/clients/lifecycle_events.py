"""Prints every domain lifecycle event as a JSON line, once registered ("READY").

Usage: lifecycle_events.py URI
"""
import json
import sys

import libvirt


def lifecycle(conn, dom, event, detail, opaque):
    print(json.dumps({"domain": dom.name(), "event": event, "detail": detail}), flush=True)


libvirt.virEventRegisterDefaultImpl()
conn = libvirt.openReadOnly(sys.argv[1])
conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lifecycle, None)
print("READY", flush=True)
while True:
    libvirt.virEventRunDefaultImpl()
