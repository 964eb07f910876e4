"""libvirt's default event loop on a background thread, as Nova runs it: needed for keepalive and
for events. start() before opening a connection; stop() when done."""
import threading

import libvirt

_stop = threading.Event()


def _run():
    while not _stop.is_set():
        libvirt.virEventRunDefaultImpl()


def start():
    libvirt.virEventRegisterDefaultImpl()
    threading.Thread(target=_run, daemon=True).start()


def stop():
    _stop.set()
