"""One instance's life through Nova's own libvirt code (Debian's python3-nova, Zed), as
nova-compute's spawn, reboot and stop drive it. Prints JSON of what it saw on stdout.

Usage: nova_guest.py URI STOPPED_DELAY_S

  1. the guest config is built with nova.virt.libvirt.config's classes (os/boot, features, CPU
     host-passthrough, an rbd volume as vda, an SR-IOV port as a hostdev interface), as
     LibvirtDriver._get_guest_config does for a boot-from-volume instance with a direct port;
  2. Host.write_instance_config (defineXML), Guest.launch(pause=True) and Guest.resume(), as
     LibvirtDriver._create_guest_with_network does around plugging the VIFs;
  3. LibvirtDriver._soft_reboot(instance);
  4. LibvirtDriver.power_off(instance, timeout, retry_interval).

Nothing of Nova is patched: these paths do not reach the compute host's OS or Nova's database.
One setting is changed: Host._lifecycle_delay, the time Host holds a STOPPED event back (15 s)
in case a STARTED follows (a reboot), is STOPPED_DELAY_S, so the STOPPED of the power-off comes
through Nova's own delayed path without waiting 15 s.
"""
import nova_harness as nh  # first: Nova's eventlet patching

import sys
import uuid as uuidlib

from nova import objects
from nova.compute import power_state
from nova.virt.libvirt import config as vconfig

uri, stopped_delay = sys.argv[1], int(sys.argv[2])
seen = nh.configure(uri)
events = nh.Events()
host, drv = nh.host_and_driver(uri, events)
host._lifecycle_delay = stopped_delay

INSTANCE_UUID = str(uuidlib.UUID("9d4e1c4a-6b2f-4f7e-9a55-3c1b0f7d2e61"))


def guest_config():
    conf = nh.guest_config("instance-00000001", INSTANCE_UUID)
    conf.features = [vconfig.LibvirtConfigGuestFeatureACPI(), vconfig.LibvirtConfigGuestFeatureAPIC()]
    cpu = vconfig.LibvirtConfigGuestCPU()
    cpu.mode = "host-passthrough"
    conf.cpu = cpu

    disk = vconfig.LibvirtConfigGuestDisk()
    disk.source_type = "network"
    disk.source_device = "disk"
    disk.source_protocol = "rbd"
    disk.source_name = "volumes/volume-0b7f3a52"
    disk.source_hosts = ["192.0.2.10"]
    disk.source_ports = ["6789"]
    disk.driver_name = "qemu"
    disk.driver_format = "raw"
    disk.driver_cache = "none"
    disk.target_dev = "vda"
    disk.target_bus = "virtio"
    disk.serial = "0b7f3a52-8a31-4c55-9e0d-2f6b1c9a4e77"
    conf.add_device(disk)

    port = vconfig.LibvirtConfigGuestInterface()
    port.net_type = "hostdev"
    port.mac_addr = "fa:16:3e:5c:21:7a"
    port.source_dev = "0000:5e:00.3"
    port.vlan = 100
    conf.add_device(port)
    return conf.to_xml()


def libvirt_state():
    return list(host.get_connection().lookupByUUIDString(INSTANCE_UUID).state())


def nova_state():
    return power_state.STATE_MAP.get(drv.get_info(instance).state)


def events_after(mark):
    return [e["name"] for e in events.seen[mark:] if e["uuid"] == INSTANCE_UUID]


xml = guest_config()
seen["xml"] = xml
instance = objects.Instance(uuid=INSTANCE_UUID, id=1)

# 2. spawn: define, paused start while the VIFs are plugged, resume
guest = host.write_instance_config(xml)
seen["definedPersistent"] = bool(guest._domain.isPersistent())
mark = len(events.seen)
guest.launch(pause=True)
seen["stateWhilePaused"] = libvirt_state()
seen["novaStateWhilePaused"] = nova_state()
guest.resume()
seen["runningReached"] = nh.wait_for(lambda: nova_state() == "running")
seen["spawnEventsReached"] = nh.wait_for(lambda: events_after(mark)[-3:] == ["Started", "Paused", "Resumed"])
seen["spawnEvents"] = events_after(mark)
seen["liveXml"] = host.get_guest(instance).get_xml_desc()

# 3. openstack server reboot (soft)
old_id = host.get_guest(instance).id
mark = len(events.seen)
seen["softReboot"] = nh.attempt(lambda: drv._soft_reboot(instance))
seen["softRebootIds"] = [old_id, host.get_guest(instance).id]
seen["stateAfterSoftReboot"] = libvirt_state()
seen["rebootStartedReached"] = nh.wait_for(lambda: "Started" in events_after(mark))
seen["rebootEvents"] = events_after(mark)

# 4. openstack server stop
mark = len(events.seen)
seen["powerOff"] = nh.attempt(lambda: drv.power_off(instance, timeout=20, retry_interval=1) or "done")
seen["powerOffReturned"] = nh.now()
seen["stateAfterPowerOff"] = libvirt_state()
seen["novaStateAfterPowerOff"] = nova_state()
seen["stoppedReached"] = nh.wait_for(lambda: "Stopped" in events_after(mark), stopped_delay + nh.BOUND_S)
seen["stopEvents"] = [e for e in events.seen[mark:] if e["uuid"] == INSTANCE_UUID]

host.get_guest(instance)._domain.undefine()
nh.emit(seen)
