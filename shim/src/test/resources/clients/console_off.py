"""virDomainOpenConsole and virDomainOpenChannel on a shut-off domain, through python3-libvirt.

Usage: console_off.py URI DOMAIN. Prints JSON {"console": error, "channel": error}, each
{"code", "domain", "message"} or null.
"""
import json
import sys

import libvirt


def call(fn):
    try:
        fn()
        return None
    except libvirt.libvirtError as e:
        return {"code": e.get_error_code(), "domain": e.get_error_domain(), "message": e.get_error_message()}


conn = libvirt.open(sys.argv[1])
dom = conn.lookupByName(sys.argv[2])
print(json.dumps({
    "console": call(lambda: dom.openConsole(None, conn.newStream(0), 0)),
    "channel": call(lambda: dom.openChannel(None, conn.newStream(0), 0)),
}))
