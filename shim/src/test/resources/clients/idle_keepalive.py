"""Opens a connection with an event loop (so keepalive is negotiated), stays idle for the given
number of seconds while the loop answers the daemon's pings, then checks the connection still
works and closes it. Prints JSON. Usage: idle_keepalive.py URI SECONDS"""
import json
import sys
import time

import eventloop
import libvirt

uri, idle = sys.argv[1], float(sys.argv[2])
eventloop.start()
closed_reasons = []
conn = libvirt.open(uri)
conn.registerCloseCallback(lambda c, reason, opaque: closed_reasons.append(reason), None)
time.sleep(idle)  # the idleness under test, not a wait for a condition
result = {
    "aliveAfterIdle": conn.isAlive(),
    "closedWhileIdle": list(closed_reasons),
    "hostnameAfterIdle": conn.getHostname(),
}
conn.unregisterCloseCallback()
result["closed"] = conn.close()
eventloop.stop()
print(json.dumps(result))
