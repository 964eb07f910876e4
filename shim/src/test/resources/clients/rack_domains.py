"""A rack behind one daemon: defines a domain on each of COUNT nodes (rack-NNNN on node rNNNN),
starts every other one, then checks what a client sees at that scale: listAllDomains with every
domain and its state, and each domain looked up by name, UUID and (running ones) id. Prints one
JSON object.

Usage: rack_domains.py URI COUNT
"""
import json
import sys

import libvirt

XML = """<domain type='kvm'>
  <name>rack-{i:04d}</name>
  <memory unit='MiB'>1024</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <metadata><mv:node xmlns:mv='https://metalvirt.org/xmlns/domain/1'>r{i:04d}</mv:node></metadata>
</domain>"""

uri, count = sys.argv[1], int(sys.argv[2])
conn = libvirt.open(uri)
for i in range(count):
    dom = conn.defineXML(XML.format(i=i))
    if i % 2 == 0:
        dom.create()

listed = conn.listAllDomains(0)
states = {d.name(): d.state()[0] for d in listed}
wrong = [n for n, s in states.items()
         if s != (libvirt.VIR_DOMAIN_RUNNING if int(n[5:]) % 2 == 0 else libvirt.VIR_DOMAIN_SHUTOFF)]
mismatched = []
for d in listed:
    by_name = conn.lookupByName(d.name())
    by_uuid = conn.lookupByUUIDString(d.UUIDString())
    same = by_name.UUIDString() == d.UUIDString() and by_uuid.name() == d.name()
    if d.ID() > 0:
        same = same and conn.lookupByID(d.ID()).name() == d.name()
    if not same:
        mismatched.append(d.name())
print(json.dumps({
    "listed": len(listed),
    "names": len(states),
    "running": len(conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)),
    "shutOff": len(conn.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE)),
    "wrongState": wrong[:10],
    "mismatchedLookups": mismatched[:10],
}))
