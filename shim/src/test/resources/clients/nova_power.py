"""OpenStack Nova's own libvirt driver (Debian's python3-nova, Zed) stopping and soft-rebooting one
server, as `openstack server stop` and `openstack server reboot` make nova-compute do. Prints JSON
of what it saw on stdout; Nova's log goes to stderr.

Usage: nova_power.py URI XMLFILE SHUTDOWN_TIMEOUT_S RETRY_INTERVAL_S

Drives, in order:
  1. Host.write_instance_config(xml) (defineXML), Guest.launch() (create), until Nova sees RUNNING;
  2. LibvirtDriver.power_off(instance, timeout, retry_interval): _clean_shutdown (shutdown, poll
     Guest.get_power_state every second, re-send shutdown every retry_interval) then _destroy;
  3. Guest.launch() again, until Nova sees RUNNING;
  4. LibvirtDriver._soft_reboot(instance) with CONF.libvirt.wait_soft_reboot_seconds bounded.

Nothing of Nova is patched: no call on these paths reaches the compute host's OS or Nova's
database. The driver is built with a Mock virtapi (Nova's compute manager is not running) and is
given a Host of our own (drv._host), whose lifecycle handler records the events Nova receives.
The instance is a nova.objects.Instance holding only what these paths read: uuid (the domain's
UUID, which Host.get_guest looks up) and id (Instance.name is built from it for log messages).

Wrapped to observe, each calling Nova's original and returning or raising what it does:
Guest.shutdown (counted), Guest.get_power_state (every state Nova saw, in order),
Guest.poweroff (Nova's destroy; the libvirt state+reason just before it is recorded),
LibvirtDriver._clean_shutdown (its result). After each step the domain's state+reason is read
with python3-libvirt, which Nova does not do: it only reads the state.
"""
import nova_harness as nh  # first: Nova's eventlet patching

import contextlib
import sys
from unittest import mock

import libvirt

from nova import objects
from nova.compute import power_state
from nova.virt.libvirt import driver as libvirt_driver
from nova.virt.libvirt import guest as libvirt_guest

uri, xml_file = sys.argv[1], sys.argv[2]
shutdown_timeout, retry_interval = int(sys.argv[3]), int(sys.argv[4])
seen = nh.configure(uri)
nh.CONF.set_override("wait_soft_reboot_seconds", 60, group="libvirt")
now = nh.now


# --- observers: each calls Nova's original and changes nothing -------------------------------

calls = {}  # what Nova called during the step being observed


def shutdown(self):
    try:
        orig_shutdown(self)
        calls["shutdowns"].append({"t": now(), "ok": True})
    except libvirt.libvirtError as e:
        calls["shutdowns"].append({"t": now(), "ok": False, "error": e.get_error_code()})
        raise


def get_power_state(self, host):
    state = orig_get_power_state(self, host)
    calls["statesNovaSaw"].append({"t": now(), "state": state, "name": power_state.STATE_MAP.get(state)})
    return state


def poweroff(self):
    before = list(self._domain.state())
    try:
        orig_poweroff(self)
        calls["destroys"].append({"t": now(), "stateBefore": before, "ok": True})
    except libvirt.libvirtError as e:
        calls["destroys"].append({"t": now(), "stateBefore": before, "ok": False, "error": e.get_error_code()})
        raise


def clean_shutdown(self, instance, timeout, retry_interval):
    clean = orig_clean_shutdown(self, instance, timeout, retry_interval)
    calls["cleanShutdown"] = clean
    return clean


orig_shutdown = libvirt_guest.Guest.shutdown
orig_get_power_state = libvirt_guest.Guest.get_power_state
orig_poweroff = libvirt_guest.Guest.poweroff
orig_clean_shutdown = libvirt_driver.LibvirtDriver._clean_shutdown


@contextlib.contextmanager
def observed(step):
    """Records what Nova calls inside the block into seen[step]."""
    calls.clear()
    calls.update({"shutdowns": [], "statesNovaSaw": [], "destroys": []})
    begun = now()
    with mock.patch.object(libvirt_guest.Guest, "shutdown", shutdown), \
            mock.patch.object(libvirt_guest.Guest, "get_power_state", get_power_state), \
            mock.patch.object(libvirt_guest.Guest, "poweroff", poweroff), \
            mock.patch.object(libvirt_driver.LibvirtDriver, "_clean_shutdown", clean_shutdown):
        yield
    seen[step] = dict(calls, shutdownCalls=len(calls["shutdowns"]), seconds=round(now() - begun, 2))


# --- Nova's driver against the daemon ----------------------------------------------------------

events = nh.Events()
host, drv = nh.host_and_driver(uri, events)


def nova_state(instance):
    return drv.get_info(instance).state


def wait_until_running(instance):
    return nh.wait_for(lambda: nova_state(instance) == power_state.RUNNING)


def libvirt_state(instance):
    return list(host.get_connection().lookupByUUIDString(instance.uuid).state())


with open(xml_file) as f:
    guest = host.write_instance_config(f.read())
instance = objects.Instance(uuid=guest.uuid, id=1)
seen["instanceFound"] = host.get_guest(instance).uuid == instance.uuid

# 1. openstack server stop: nova-compute's power_off with a clean shutdown first
guest.launch()
seen["runningBeforeStop"] = wait_until_running(instance)
with observed("powerOff"):
    drv.power_off(instance, timeout=shutdown_timeout, retry_interval=retry_interval)
seen["stateAfterPowerOff"] = libvirt_state(instance)

# 2. openstack server reboot (soft): shutdown, wait for a new domain id, start it again
host.get_guest(instance).launch()
seen["runningBeforeReboot"] = wait_until_running(instance)
old_id = host.get_guest(instance).id
with observed("softReboot"):
    seen["softRebootReturned"] = drv._soft_reboot(instance)
seen["softReboot"].update(oldId=old_id, newId=host.get_guest(instance).id)
seen["stateAfterSoftReboot"] = libvirt_state(instance)
seen["lifecycleEvents"] = events.seen

# tidy up with python3-libvirt: the daemon lives on for the other tests of the class
dom = host.get_connection().lookupByUUIDString(instance.uuid)
if dom.isActive():
    dom.destroy()
dom.undefine()

nh.emit(seen)
