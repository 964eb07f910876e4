"""What a virtualbmc-style BMC answers to IPMI `chassis power diag` (pulse diagnostic interrupt)
for a libvirt domain, driven with python3-libvirt; virtualbmc itself is not packaged in Debian 12.

virtualbmc's libvirt driver serves the command so: it looks the domain up, sends virDomainInjectNMI
only if the domain is active, and answers IPMI completion code 0xD5 ("command not supported in
present state") when libvirt raises an error; otherwise it answers success (0x00), an inactive
domain included. This script does that, and also calls injectNMI directly, so the test sees the
libvirt error behind each answer.

Usage: power_diag.py URI DOMAIN. Prints JSON:
  {"active": bool, "ipmi": completion code, "diagError": error of the diag or null,
   "direct": error of a direct injectNMI(0) or null, "flags": error of injectNMI(1)}
An error is {"code", "domain", "message"}.
"""
import json
import sys

import libvirt

IPMI_OK = 0x00
IPMI_COMMAND_NOT_SUPPORTED = 0xD5


def error(e):
    return {"code": e.get_error_code(), "domain": e.get_error_domain(), "message": e.get_error_message()}


def power_diag(conn, name):
    """The IPMI answer a virtualbmc-style BMC gives, with the libvirt error behind it."""
    try:
        dom = conn.lookupByName(name)
        if dom.isActive():
            dom.injectNMI(0)
    except libvirt.libvirtError as e:
        return IPMI_COMMAND_NOT_SUPPORTED, error(e)
    return IPMI_OK, None


def call(fn):
    try:
        fn()
    except libvirt.libvirtError as e:
        return error(e)
    return None


uri, name = sys.argv[1], sys.argv[2]
conn = libvirt.open(uri)
dom = conn.lookupByName(name)
active = bool(dom.isActive())
ipmi, diag_error = power_diag(conn, name)
print(json.dumps({
    "active": active,
    "ipmi": ipmi,
    "diagError": diag_error,
    "direct": call(lambda: dom.injectNMI(0)),
    "flags": call(lambda: dom.injectNMI(1)),
}))
conn.close()
