"""Opens a connection with python3-libvirt, makes the host-level calls Nova makes at start, and
prints what it got as JSON for the Java test to check. Usage: host_calls.py URI [ro]"""
import json
import sys
import xml.etree.ElementTree as ET

import libvirt

uri = sys.argv[1]
read_only = len(sys.argv) > 2 and sys.argv[2] == "ro"
conn = libvirt.openReadOnly(uri) if read_only else libvirt.open(uri)
caps = ET.fromstring(conn.getCapabilities())
result = {
    "type": conn.getType(),
    "version": conn.getVersion(),
    "libVersion": conn.getLibVersion(),
    "hostname": conn.getHostname(),
    "info": list(conn.getInfo()),
    "arch": caps.findtext("host/cpu/arch"),
    "cells": [
        {
            "id": int(cell.get("id")),
            "memoryKiB": int(cell.findtext("memory")),
            "cpus": [int(cpu.get("id")) for cpu in cell.findall("cpus/cpu")],
        }
        for cell in caps.findall("host/topology/cells/cell")
    ],
    "secure": conn.isSecure(),
    "domains": [dom.name() for dom in conn.listAllDomains(0)],
}
result["closed"] = conn.close()
print(json.dumps(result))
