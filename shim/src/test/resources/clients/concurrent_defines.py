"""Concurrent defines on a rack: COUNT threads, each with its own connection, define a domain
without naming a node, all at once; then every domain is started, which only works if each was
bound to a node of its own (one active domain per node). Prints one JSON object.

Usage: concurrent_defines.py URI COUNT
"""
import json
import sys
import threading

import libvirt

XML = """<domain type='kvm'>
  <name>free-{i}</name>
  <memory unit='MiB'>1024</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
</domain>"""

uri, count = sys.argv[1], int(sys.argv[2])
conns = [libvirt.open(uri) for _ in range(count)]
together = threading.Barrier(count)
errors = []


def define(i):
    together.wait(timeout=60)
    try:
        conns[i].defineXML(XML.format(i=i))
    except libvirt.libvirtError as e:
        errors.append(f"define free-{i}: {e.get_error_code()} {e}")


threads = [threading.Thread(target=define, args=(i,)) for i in range(count)]
for t in threads:
    t.start()
for t in threads:
    t.join()
started = 0
for i in range(count):
    try:
        conns[0].lookupByName(f"free-{i}").create()
        started += 1
    except libvirt.libvirtError as e:
        errors.append(f"start free-{i}: {e.get_error_code()} {e}")
print(json.dumps({
    "defined": len(conns[0].listAllDomains(0)),
    "started": started,
    "running": len(conns[0].listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE)),
    "errors": errors[:10],
}))
