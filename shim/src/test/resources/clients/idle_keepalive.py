"""Opens a connection with an event loop (so keepalive is negotiated), stays idle for the given
number of seconds while the loop answers the daemon's pings, then checks the connection still
works and closes it. Prints JSON. Usage: idle_keepalive.py URI SECONDS"""
import json
import sys
import threading
import time

import libvirt

uri, idle = sys.argv[1], float(sys.argv[2])
libvirt.virEventRegisterDefaultImpl()
stop = threading.Event()


def run_loop():
    while not stop.is_set():
        libvirt.virEventRunDefaultImpl()


threading.Thread(target=run_loop, daemon=True).start()
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
stop.set()
print(json.dumps(result))
