"""Nova's PCI passthrough report for one server (Debian's python3-nova, Zed), as nova-compute's
resource update makes it: LibvirtDriver._get_pci_passthrough_devices() and the
pci_passthrough_devices of get_available_resource(nodename), then Nova's PCI tracker
(nova.pci.manager.PciDevTracker) filtering them through [pci] device_spec into the pools the
scheduler sees, and whether those pools satisfy what a Neutron direct port, a remote-managed
port and a flavor's [pci] alias ask for. Prints JSON.

Usage: nova_pci.py URI NOVA_CONF   (NOVA_CONF holds [pci] device_spec and alias)

Patched (each listed in the output under "patched" with why):
  - nova_harness.COMPUTE_HOST_SEAMS: the compute host's OS and Nova's database;
  - PciDeviceList.get_by_compute_node: Nova's database (no device tracked yet);
  - from "cardSysfs" on, nova_harness.SERVER_SYSFS_SEAMS: the PF's MAC and a VF's number, which
    Nova reads from the compute host's /sys; "asDeployed" shows the report without them.
"""
import nova_harness as nh  # first: Nova's eventlet patching

import json
import sys
import uuid
from unittest import mock

from nova import context as nova_context
from nova import objects
from nova.network import model as network_model
from nova.network import neutron
from nova.pci import manager as pci_manager
from nova.pci import request as pci_request
from nova.pci import whitelist

uri, nova_conf = sys.argv[1], sys.argv[2]
NODE = "compute-node0"
seen = nh.configure(uri, [nova_conf])
seen["deviceSpec"] = list(nh.CONF.pci.device_spec)
seen["alias"] = list(nh.CONF.pci.alias)
host, drv = nh.host_and_driver(uri)
seen["supportsRemoteManagedPorts"] = host.supports_remote_managed_ports
NO_DEVICES_TRACKED = ("PciDeviceList.get_by_compute_node",
                      "the PCI tracker's devices of this node so far: Nova's database (none)")


def by_address(devices_json):
    return {device["address"]: device for device in json.loads(devices_json)}


def tracked(resources, devices_json):
    """Nova's PCI tracker for a new compute node fed a PCI report: the devices [pci]
    device_spec lets through, and the pools the scheduler matches requests against."""
    node = objects.ComputeNode(id=1, numa_topology=resources["numa_topology"])
    with mock.patch.object(objects.PciDeviceList, "get_by_compute_node",
                           return_value=objects.PciDeviceList(objects=[])):
        tracker = pci_manager.PciDevTracker(nova_context.get_admin_context(), node)
    tracker.update_devices_from_hypervisor_resources(devices_json)
    return tracker


def port_profiles(tracker):
    """The binding profile Nova's neutron API gives a port bound to each of the first two VFs."""
    api = neutron.API()
    return {dev.address: api._get_pci_device_profile(dev) for dev in sorted(
        tracker.pci_devs, key=lambda dev: dev.address)[:2]}


def port_request(vnic_type):
    """The InstancePCIRequest Nova's neutron API makes for an SR-IOV port on physnet1."""
    spec = {pci_request.PCI_NET_TAG: "physnet1",
            pci_request.PCI_REMOTE_MANAGED_TAG: str(vnic_type == network_model.VNIC_TYPE_REMOTE_MANAGED)}
    dev_type = pci_request.DEVICE_TYPE_FOR_VNIC_TYPE.get(vnic_type)
    if dev_type:
        spec[pci_request.PCI_DEVICE_TYPE_TAG] = dev_type
    return objects.InstancePCIRequest(count=1, spec=[spec], request_id=str(uuid.uuid4()))


def alias_request(alias):
    """The InstancePCIRequests of a flavor with pci_passthrough:alias=ALIAS:1."""
    flavor = objects.Flavor(extra_specs={"pci_passthrough:alias": alias + ":1"})
    return pci_request.get_pci_requests_from_flavor(flavor).requests


def summary(tracker):
    pools = [{key: value for key, value in pool.items() if key != "devices"} | {"count": pool["count"]}
             for pool in tracker.stats.pools]
    return {"tracked": sorted(dev.address for dev in tracker.pci_devs),
            "pools": pools,
            "directPortFits": tracker.stats.support_requests([port_request(network_model.VNIC_TYPE_DIRECT)]),
            "remoteManagedPortFits": tracker.stats.support_requests(
                [port_request(network_model.VNIC_TYPE_REMOTE_MANAGED)]),
            "aliasFits": {name: tracker.stats.support_requests(alias_request(name))
                          for name in ("cx5-vf",)}}


def assignable(spec, devices):
    """Which reported devices one [pci] device_spec entry lets Nova assign (or what Nova raises)."""
    return nh.attempt(lambda: sorted(
        address for address, device in devices.items()
        if whitelist.Whitelist([json.dumps(spec)]).device_assignable(device)))


with nh.compute_host_patched() as patched:
    seen["patched"] = patched + [{"patched": NO_DEVICES_TRACKED[0], "why": NO_DEVICES_TRACKED[1]}]
    deployed_json = drv._get_pci_passthrough_devices()
    seen["asDeployed"] = by_address(deployed_json)
    with nh.server_sysfs_patched(host.get_connection()) as sysfs:
        seen["patched"] += sysfs
        seen["cardSysfs"] = by_address(drv._get_pci_passthrough_devices())
        resources = drv.get_available_resource(NODE)
        seen["resources"] = by_address(resources["pci_passthrough_devices"])
        tracker = tracked(resources, resources["pci_passthrough_devices"])
        seen["tracker"] = summary(tracker)
        seen["portProfiles"] = {"cardSysfs": port_profiles(tracker),
                                "asDeployed": port_profiles(tracked(resources, deployed_json))}
        devices = seen["resources"]
        seen["specs"] = {
            "byPfAddress": assignable({"address": "0000:5e:00.0", "physical_network": "physnet1"}, devices),
            "byVfAddresses": assignable({"address": "0000:5e:*.*", "physical_network": "physnet1"}, devices),
            "byDevname": assignable({"devname": "sim0", "physical_network": "physnet1"}, devices),
        }
        remote = {"vendor_id": "15b3", "product_id": "1018", "physical_network": "physnet1",
                  "remote_managed": "true"}
        nh.CONF.set_override("device_spec", [json.dumps(remote)], group="pci")
        seen["remoteManaged"] = summary(tracked(resources, resources["pci_passthrough_devices"]))
nh.emit(seen)
