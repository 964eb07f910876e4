"""Prints a domain's IO_ERROR and IO_ERROR_REASON events as JSON lines, once registered ("READY").

Usage: io_errors.py URI
"""
import json
import sys

import libvirt


def emit(kind, dom, src, alias, action, reason=None):
    print(json.dumps({"event": kind, "domain": dom.name(), "srcPath": src, "devAlias": alias,
                      "action": action, "reason": reason}), flush=True)


libvirt.virEventRegisterDefaultImpl()
conn = libvirt.openReadOnly(sys.argv[1])
conn.domainEventRegisterAny(
    None, libvirt.VIR_DOMAIN_EVENT_ID_IO_ERROR,
    lambda c, d, src, alias, action, opaque: emit("io-error", d, src, alias, action), None)
conn.domainEventRegisterAny(
    None, libvirt.VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON,
    lambda c, d, src, alias, action, reason, opaque: emit("io-error-reason", d, src, alias, action, reason), None)
print("READY", flush=True)
while True:
    libvirt.virEventRunDefaultImpl()
