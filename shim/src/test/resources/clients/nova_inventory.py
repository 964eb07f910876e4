"""What Nova's resource update offers the scheduler for one server (Debian's python3-nova, Zed):
get_available_resource(nodename) and update_provider_tree() into a ProviderTree of
nova.compute.provider_tree, once with Nova's defaults and once with the nova.conf of
docs/nova.md applied option by option (CONF.set_override), and what Nova's NumInstancesFilter
decides for a host that already runs an instance under each. Prints JSON.

Usage: nova_inventory.py URI NOVA_CONF

Patched: nova_harness.COMPUTE_HOST_SEAMS (the compute host's OS and Nova's database; its local
disk under instances_path is 100 GiB), listed in the output under "patched".
"""
import nova_harness as nh  # first: Nova's eventlet patching

import configparser
import sys
import uuid

from nova import objects
from nova.compute import provider_tree
from nova.scheduler import filters
from nova.scheduler import host_manager
from nova.scheduler.filters import num_instances_filter

uri, nova_conf = sys.argv[1], sys.argv[2]
NODE = "compute-node0"
seen = nh.configure(uri)
host, drv = nh.host_and_driver(uri)


def offered():
    """Nova's inventory for the node, from a fresh tree (no ratio placement already holds)."""
    resources = drv.get_available_resource(NODE)
    tree = provider_tree.ProviderTree()
    tree.new_root(NODE, str(uuid.uuid4()))
    drv.update_provider_tree(tree, NODE)
    inventory = tree.data(NODE).inventory
    for record in inventory.values():  # what the scheduler can place: (total - reserved) * ratio
        record["capacity"] = (record["total"] - record["reserved"]) * record["allocation_ratio"]
    return {"availableResource": {k: resources[k] for k in ("vcpus", "memory_mb", "local_gb")},
            "inventory": inventory,
            "secondInstancePasses": second_instance_passes()}


def second_instance_passes():
    """NumInstancesFilter, as the scheduler runs it, for the node when it runs one instance;
    None while the filter is not enabled."""
    if "NumInstancesFilter" not in nh.CONF.filter_scheduler.enabled_filters:
        return None
    state = host_manager.HostState(NODE, NODE, str(uuid.uuid4()))
    state.num_instances = 1
    return num_instances_filter.NumInstancesFilter().host_passes(state, objects.RequestSpec())


def apply(path):
    """Every option of the file, as CONF.set_override; returns them."""
    # [DEFAULT] read as a section of its own: configparser would copy it into every other
    parser = configparser.ConfigParser(interpolation=None, default_section="metalvirt-none")
    parser.optionxform = str
    parser.read(path)
    applied = []
    for section in parser.sections():
        group = None if section == "DEFAULT" else section
        for key, value in parser.items(section, raw=True):
            if key == "connection_uri":
                continue  # the daemon of this test
            nh.CONF.set_override(key, value, group=group)
            applied.append(f"[{section}] {key} = {value}")
    return applied


with nh.compute_host_patched() as patched:
    seen["patched"] = patched
    seen["defaults"] = offered()
    seen["applied"] = apply(nova_conf)
    seen["configured"] = offered()
seen["unknownFilters"] = sorted(set(nh.CONF.filter_scheduler.enabled_filters)
                                - {cls.__name__ for cls in filters.all_filters()})
nh.emit(seen)
