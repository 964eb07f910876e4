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

_result_out = sys.stdout
sys.stdout = sys.stderr
logging.basicConfig(stream=sys.stderr, level=logging.DEBUG,
                    format="%(asctime)s %(levelname)s %(name)s %(message)s")
for noisy in ("oslo_concurrency", "oslo_policy", "stevedore", "urllib3", "keystoneauth"):
    logging.getLogger(noisy).setLevel(logging.INFO)

import nova.conf  # noqa: E402
import nova.conf.neutron  # noqa: E402
import nova.config  # noqa: E402
from nova import objects  # noqa: E402
from nova import version as nova_version  # noqa: E402
from nova.virt.libvirt import driver as libvirt_driver  # noqa: E402
from nova.virt.libvirt import host as libvirt_host  # noqa: E402

CONF = nova.conf.CONF
STARTED = time.monotonic()
BOUND_S = 20  # the scripts' own waits wait for a condition, bounded


def now():
    return round(time.monotonic() - STARTED, 2)


def configure(uri, config_files=()):
    """Nova's configuration as nova-compute loads it, pointed at the daemon."""
    args = [arg for path in config_files for arg in ("--config-file", path)]
    nova.config.parse_args(args, configure_db=False, init_rpc=False)
    CONF.set_override("connection_uri", uri, group="libvirt")
    CONF.set_override("virt_type", "kvm", group="libvirt")
    objects.register_all()
    # nova-compute's ComputeManager registers these at start; the resource update reads them
    nova.conf.neutron.register_dynamic_opts(CONF)
    return {"nova": nova_version.version_string()}


class Events:
    """Nova's lifecycle_event_handler: records every event Host hands it, in order."""

    def __init__(self):
        self.seen = []

    def __call__(self, event):
        self.seen.append({"t": now(), "uuid": event.uuid, "transition": event.get_transition(),
                          "name": event.get_name()})

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
