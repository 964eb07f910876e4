"""Nova's own secret handling (Debian's python3-nova, Zed): Host.create_secret, find_secret and
delete_secret as the volume drivers and vTPM use them, what python3-libvirt reads back of each
secret, and the secret events a client registered on Nova's connection receives. Prints JSON.

Usage: nova_secrets.py URI

Patched: nothing.
"""
import nova_harness as nh  # first: Nova's eventlet patching

import base64
import sys

import libvirt

uri = sys.argv[1]
seen = nh.configure(uri)
host, _drv = nh.host_and_driver(uri)
conn = host.get_connection()
events = []
conn.secretEventRegisterAny(
    None, libvirt.VIR_SECRET_EVENT_ID_LIFECYCLE,
    lambda c, secret, event, detail, opaque: events.append(["lifecycle", secret.UUIDString(), event]), None)
conn.secretEventRegisterAny(
    None, libvirt.VIR_SECRET_EVENT_ID_VALUE_CHANGED,
    lambda c, secret, opaque: events.append(["value-changed", secret.UUIDString()]), None)

# The Ceph key of CinderSecret.KEY (a made-up one), here and never on a command line.
key = base64.b64decode("QVFCVGhFOWtBQUFBQUJBQW1ldGFsdmlydC10ZXN0LWtleQ==")
ceph = host.create_secret("ceph", "pool/volume", password=key)
seen["ceph"] = {"uuid": ceph.UUIDString(), "usageType": ceph.usageType(), "usageID": ceph.usageID()}
found = host.find_secret("rbd", "pool/volume")
seen["found"] = found.UUIDString() if found else None
seen["value"] = base64.b64encode(conn.secretLookupByUUIDString(ceph.UUIDString()).value()).decode()
seen["xml"] = found.XMLDesc() if found else None
seen["missing"] = nh.attempt(lambda: host.find_secret("iscsi", "iqn.2024-01.org.example:none"))

vtpm = host.create_secret("vtpm", "instance-0001", password="vtpm-passphrase")
seen["vtpmValue"] = nh.attempt(lambda: vtpm.value())
seen["private"] = sorted(s.UUIDString() for s in conn.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_PRIVATE))
seen["ephemeral"] = sorted(s.UUIDString() for s in conn.listAllSecrets(libvirt.VIR_CONNECT_LIST_SECRETS_EPHEMERAL))
seen["vtpm"] = vtpm.UUIDString()

host.delete_secret("ceph", "pool/volume")
seen["afterDelete"] = nh.attempt(lambda: host.find_secret("ceph", "pool/volume"))
vtpm.undefine()
seen["count"] = conn.numOfSecrets()
nh.wait_for(lambda: sum(1 for e in events if e[0] == "lifecycle") >= 4)
seen["events"] = events
nh.emit(seen)
