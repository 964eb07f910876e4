"""A domain's serial console through python3-libvirt's virStream: what a script (or an agent's
console proxy) does with virDomainOpenConsole. The domain must be running on a `sim` server, whose
console answers each typed line.

Usage: console.py URI DOMAIN. Prints JSON:
  {"answer": what came back for a typed line, "devname": the same through --devname serial0,
   "busy": error of a second open without FORCE, "forced": what the first stream got after a FORCE
   open, "badDevice": error for an unknown devname, "channel": error of openChannel,
   "flags": error of openConsole with an unknown flag, "finished": true once finish() returned}
An error is {"code", "domain", "message"}.
"""
import json
import signal
import sys

import libvirt

# A console that never answers must fail the test, not hang it.
signal.alarm(60)


def error(e):
    return {"code": e.get_error_code(), "domain": e.get_error_domain(), "message": e.get_error_message()}


def call(fn):
    try:
        fn()
        return None
    except libvirt.libvirtError as e:
        return error(e)


def read_until(stream, marker):
    seen = b""
    while marker not in seen:
        chunk = stream.recv(4096)
        if not chunk:
            break
        seen += chunk
    return seen.decode("utf-8", "replace")


def main():
    conn = libvirt.open(sys.argv[1])
    dom = conn.lookupByName(sys.argv[2])
    out = {}

    first = conn.newStream(0)
    dom.openConsole(None, first, 0)
    first.send(b"py-hello\r")
    out["answer"] = read_until(first, b"got py-hello")

    second = conn.newStream(0)
    out["busy"] = call(lambda: dom.openConsole(None, second, 0))

    forced = conn.newStream(0)
    dom.openConsole("serial0", forced, libvirt.VIR_DOMAIN_CONSOLE_FORCE)
    try:
        rest = first.recv(4096)
        out["forced"] = {"data": rest.decode("utf-8", "replace")}
    except libvirt.libvirtError as e:
        out["forced"] = error(e)
    forced.send(b"py-devname\r")
    out["devname"] = read_until(forced, b"got py-devname")
    forced.finish()
    out["finished"] = True

    out["badDevice"] = call(lambda: dom.openConsole("parallel0", conn.newStream(0), 0))
    out["channel"] = call(lambda: dom.openChannel(None, conn.newStream(0), 0))
    out["flags"] = call(lambda: dom.openConsole(None, conn.newStream(0), 4))
    print(json.dumps(out))


main()
