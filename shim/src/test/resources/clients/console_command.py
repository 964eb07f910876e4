"""Types a line on a running domain's serial console through python3-libvirt's virStream and
reads what comes back until MARKER, then finishes the stream.

Usage: console_command.py URI DOMAIN LINE MARKER. Prints JSON {"output": what was read}.
"""
import json
import signal
import sys

import libvirt

# A console that never answers must fail the test, not hang it.
signal.alarm(120)

conn = libvirt.open(sys.argv[1])
dom = conn.lookupByName(sys.argv[2])
stream = conn.newStream(0)
dom.openConsole(None, stream, 0)
stream.send((sys.argv[3] + "\r").encode())
seen = b""
while sys.argv[4].encode() not in seen:
    chunk = stream.recv(4096)
    if not chunk:
        break
    seen += chunk
stream.finish()
print(json.dumps({"output": seen.decode("utf-8", "replace")}))
