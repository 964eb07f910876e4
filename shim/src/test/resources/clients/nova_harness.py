"""What every script driving Nova's own libvirt driver (Debian's python3-nova, Zed) needs, as
nova-compute sets it up: eventlet patching first, Nova's configuration without a nova.conf (or
with one given), a Host with a lifecycle handler that records what Nova receives, a driver
around it, and the patches for what only the compute host's OS or Nova's database can answer.

A script imports this module first. Its stdout then carries the JSON given to emit() alone;
anything else printing, and Nova's log, go to stderr.
"""
import nova.monkey_patch  # noqa: F401  # Nova's own eventlet patching, first, as nova-compute does

import contextlib
import copy
import json
import logging
import sys
import time
from unittest import mock
from xml.etree import ElementTree

import libvirt

_result_out = sys.stdout
sys.stdout = sys.stderr
logging.basicConfig(stream=sys.stderr, level=logging.DEBUG,
                    format="%(asctime)s %(levelname)s %(name)s %(message)s")
for noisy in ("oslo_concurrency", "oslo_policy", "stevedore", "urllib3", "keystoneauth"):
    logging.getLogger(noisy).setLevel(logging.INFO)

import nova.conf  # noqa: E402
import nova.conf.neutron  # noqa: E402
import nova.config  # noqa: E402
from nova import exception  # noqa: E402
from nova import objects  # noqa: E402
from nova import version as nova_version  # noqa: E402
from nova.virt.libvirt import config as vconfig  # noqa: E402
from nova.virt.libvirt import driver as libvirt_driver  # noqa: E402
from nova.virt.libvirt import host as libvirt_host  # noqa: E402

CONF = nova.conf.CONF
STARTED = time.monotonic()
BOUND_S = 20  # the scripts' own waits wait for a condition, bounded


def now():
    return round(time.monotonic() - STARTED, 2)


def configure(uri, config_files=()):
    """Nova's configuration as nova-compute loads it, pointed at the daemon."""
    # argv as nova-compute's: its name first, then the files
    argv = ["nova-compute"] + [arg for path in config_files for arg in ("--config-file", path)]
    nova.config.parse_args(argv, configure_db=False, init_rpc=False)
    CONF.set_override("connection_uri", uri, group="libvirt")
    CONF.set_override("virt_type", "kvm", group="libvirt")
    objects.register_all()
    # nova-compute's ComputeManager registers these at start; the resource update reads them
    nova.conf.neutron.register_dynamic_opts(CONF)
    return {"nova": nova_version.version_string()}


class Events:
    """Nova's lifecycle_event_handler: records every event Host hands it, in order. With a
    driver set, hands each on to LibvirtDriver.emit_event as nova-compute's Host does, so the
    driver's waiters (DEVICE_REMOVED for _detach_with_retry) see them."""

    def __init__(self):
        self.seen = []
        self.driver = None

    def __call__(self, event):
        if hasattr(event, "dev"):  # a device event (DeviceRemovedEvent, ...): the device's alias
            self.seen.append({"t": now(), "uuid": event.uuid, "name": type(event).__name__,
                              "dev": event.dev})
        else:
            self.seen.append({"t": now(), "uuid": event.uuid, "transition": event.get_transition(),
                              "name": event.get_name()})
        if self.driver is not None:
            self.driver.emit_event(event)

    def names(self):
        return [event["name"] for event in self.seen]


def host_and_driver(uri, events=None):
    """Nova's Host on the daemon, initialized, and a LibvirtDriver using it (Mock virtapi: no
    compute manager runs)."""
    host = libvirt_host.Host(uri, lifecycle_event_handler=events)
    host.initialize()
    drv = libvirt_driver.LibvirtDriver(mock.Mock(), read_only=False)
    drv._host = host
    return host, drv


def guest_config(name, uuid):
    """The start of a guest config as LibvirtDriver._get_guest_config makes one with
    nova.virt.libvirt.config's classes: a 4-vCPU, 4 GiB q35 machine booting from disk."""
    conf = vconfig.LibvirtConfigGuest()
    conf.virt_type = "kvm"
    conf.name = name
    conf.uuid = uuid
    conf.memory = 4 * 1024 * 1024  # KiB
    conf.vcpus = 4
    conf.os_type = "hvm"
    conf.os_mach_type = "q35"
    conf.os_boot_dev = ["hd"]
    return conf


# What only the compute host's OS or Nova's database answers, patched; each with why. Nothing
# the daemon answers is patched. (target, attribute, return value, why)
COMPUTE_HOST_SEAMS = [
    (libvirt_driver.LibvirtDriver, "_check_my_ip", None,
     "init_host: compares CONF.my_ip with the compute host's own interfaces"),
    ("nova.privsep.utils", "supports_direct_io", True,
     "init_host: opens a file with O_DIRECT under instances_path, through privsep (root helper)"),
    (libvirt_driver.LibvirtDriver, "_check_file_backed_memory_support", None,
     "init_host: reads the compute host's memory backing configuration"),
    (libvirt_driver.LibvirtDriver, "_register_all_undefined_instance_details", None,
     "init_host: reads Nova's database (InstanceList.get_by_host)"),
    ("nova.virt.libvirt.utils", "get_fs_info", {"total": 100 * 1024 ** 3, "free": 90 * 1024 ** 3,
                                                 "used": 10 * 1024 ** 3},
     "resource update: statvfs of instances_path, the compute host's own local disk (100 GiB here)"),
    (libvirt_host.Host, "get_memory_mb_used", 0,
     "resource update: reads the compute host's /proc/meminfo, not the server's"),
]


@contextlib.contextmanager
def compute_host_patched():
    """Applies COMPUTE_HOST_SEAMS, each answering a fresh copy of its value (Nova changes the
    dict get_fs_info returns in place); yields their list (attribute and why) for the report."""
    with contextlib.ExitStack() as stack:
        for target, attribute, value, _why in COMPUTE_HOST_SEAMS:
            answer = {"side_effect": lambda *_args, value=value, **_kwargs: copy.deepcopy(value)}
            if isinstance(target, str):
                stack.enter_context(mock.patch(target + "." + attribute, **answer))
            else:
                stack.enter_context(mock.patch.object(target, attribute, **answer))
        yield [{"patched": name(target) + "." + attribute, "why": why}
               for target, attribute, _value, why in COMPUTE_HOST_SEAMS]


def name(target):
    return target if isinstance(target, str) else target.__module__ + "." + target.__name__


def wait_for(predicate, bound_s=BOUND_S):
    """Polls predicate until true or bound_s passed; time.sleep is eventlet's, so Nova's green
    threads (event dispatch, delayed events) run meanwhile."""
    deadline = time.monotonic() + bound_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def attempt(call):
    """The call's result, or the error Nova raised from it (libvirt's code where there is one)."""
    try:
        return {"ok": True, "value": call()}
    except Exception as e:  # noqa: BLE001  # the test reports what Nova raised, whatever it is
        code = getattr(e, "get_error_code", lambda: None)()
        return {"ok": False, "error": type(e).__name__, "code": code, "message": str(e)}


def emit(seen):
    print(json.dumps(seen, default=lambda o: sorted(o) if isinstance(o, (set, frozenset)) else str(o)),
          file=_result_out)
    _result_out.flush()


# What Nova's PCI report reads from the compute host's sysfs about a function's PF: the server's
# functions are on the server's PCI bus, so /sys of a compute host that is not the server has
# none of them (Nova then leaves the PF's MAC and the VF's number out). These answer what the
# server's sysfs holds, from the card's node devices (libvirt's nodedev XML through the daemon).
# (target, attribute, answer(connection, *args of Nova's call), why)
def _node_device(conn, pci_addr):
    name = "pci_" + pci_addr.replace(":", "_").replace(".", "_")
    return ElementTree.fromstring(conn.nodeDeviceLookupByName(name).XMLDesc(0)), name


def _addresses(xml, capability):
    return ["%04x:%02x:%02x.%x" % tuple(int(a.get(k), 16) for k in ("domain", "bus", "slot", "function"))
            for a in xml.findall(f".//capability[@type='{capability}']/address")]


def _server_pf_mac(conn, pci_addr, pf_interface=False):
    if pf_interface:
        pci_addr = (_addresses(_node_device(conn, pci_addr)[0], "phys_function") or [pci_addr])[0]
    name = _node_device(conn, pci_addr)[1]
    for net in conn.listAllDevices(libvirt.VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET):
        if net.parent() == name:
            return ElementTree.fromstring(net.XMLDesc(0)).findtext(".//capability[@type='net']/address")
    raise exception.PciDeviceNotFoundById(id=pci_addr)


def _server_vf_num(conn, pci_addr):
    pf = _addresses(_node_device(conn, pci_addr)[0], "phys_function")
    vfs = _addresses(_node_device(conn, pf[0])[0], "virt_functions") if pf else []
    if pci_addr not in vfs:
        raise exception.PciDeviceNotFoundById(id=pci_addr)
    return vfs.index(pci_addr)  # virtfnN: libvirt lists a PF's VFs in that order


SERVER_SYSFS_SEAMS = [
    ("nova.pci.utils", "get_mac_by_pci_address", _server_pf_mac,
     "PCI report: the PF's MAC (a PF's mac_address, a VF's pf_mac_address) from "
     "/sys/bus/pci/devices/ADDR/net/*/address of the compute host"),
    ("nova.pci.utils", "get_vf_num_by_pci_address", _server_vf_num,
     "PCI report: a VF's number (vf_num) from the compute host's /sys/bus/pci/devices/ADDR/physfn/virtfnN"),
]


@contextlib.contextmanager
def server_sysfs_patched(conn):
    """Applies SERVER_SYSFS_SEAMS over the connection; yields their list for the report."""
    with contextlib.ExitStack() as stack:
        for target, attribute, answer, _why in SERVER_SYSFS_SEAMS:
            stack.enter_context(mock.patch(
                target + "." + attribute,
                side_effect=lambda *args, answer=answer, **kwargs: answer(conn, *args, **kwargs)))
        yield [{"patched": target + "." + attribute, "why": why}
               for target, attribute, _answer, why in SERVER_SYSFS_SEAMS]
