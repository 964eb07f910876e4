"""An instance with a Neutron direct port and a VF by PCI passthrough, through Nova's own
libvirt code (Debian's python3-nova, Zed), as nova-compute spawns it and detaches them. Prints
JSON.

Usage: nova_sriov.py URI PORT_VF HOSTDEV_VF

  1. the port's config from Nova's VIF driver (LibvirtGenericVIFDriver.get_config for a
     hw_veb VIF with vnic_type direct: <interface type='hostdev'> with the VF's address, MAC
     and VLAN), the passthrough VF's from LibvirtDriver._get_guest_pci_device (<hostdev>), in a
     guest config of nova.virt.libvirt.config's classes;
  2. Host.write_instance_config (defineXML), Guest.launch(pause=True), Guest.resume();
  3. LibvirtDriver.detach_interface (_detach_with_retry: persistent config, then live, waiting
     for DEVICE_REMOVED), then LibvirtDriver._detach_pci_devices for the <hostdev>.

Nothing of Nova is patched: a direct port that is not trusted needs nothing of the compute
host's OS to plug or unplug. The harness's Events hand every event on to
LibvirtDriver.emit_event, as nova-compute's Host does, so DEVICE_REMOVED reaches the waiter.
"""
import nova_harness as nh  # first: Nova's eventlet patching

import sys

from nova import context as nova_context
from nova import objects
from nova.network import model as network_model

uri, port_vf, hostdev_vf = sys.argv[1], sys.argv[2], sys.argv[3]
seen = nh.configure(uri)
events = nh.Events()
host, drv = nh.host_and_driver(uri, events)
events.driver = drv

INSTANCE_UUID = "5b0f3c2e-7d41-4a8e-9f12-6c3d2a1b0e94"
MAC = "fa:16:3e:11:22:33"


def direct_port():
    """The VIF Neutron binds for a vnic_type=direct port on physnet1, VLAN 100."""
    network = network_model.Network(id="9a3e6f1c-0d2b-4c5a-8e7f-1b2c3d4e5f60", bridge=None,
                                    label="physnet1-net", subnets=[])
    return network_model.VIF(
        id="4c2d8e1f-6a7b-4d3c-9e8f-0a1b2c3d4e5f", address=MAC, network=network, devname="tap4c2d8e1f-6a",
        type=network_model.VIF_TYPE_HW_VEB, vnic_type=network_model.VNIC_TYPE_DIRECT,
        details={network_model.VIF_DETAILS_VLAN: "100"},
        profile={"pci_slot": port_vf, "physical_network": "physnet1", "pci_vendor_info": "15b3:1018"})


def guest_config(port, hostdev):
    conf = nh.guest_config("instance-00000002", INSTANCE_UUID)
    conf.add_device(port)
    conf.add_device(hostdev)
    return conf.to_xml()


def card_holds(address):
    """Whether the card keeps the VF for a domain: libvirt's nodedev detach of a VF a running
    domain holds is refused with VIR_ERR_OPERATION_INVALID (55); of a free one, it succeeds."""
    name = "pci_" + address.replace(":", "_").replace(".", "_")
    outcome = nh.attempt(lambda: host.get_connection().nodeDeviceLookupByName(name).detachFlags(None, 0))
    return outcome.get("code") == 55


def holds(xml, address):
    _domain, bus, rest = address.split(":")
    slot, function = rest.split(".")
    return f"bus='0x{bus}' slot='0x{slot}' function='0x{function}'" in xml


vif = direct_port()
# what detach_interface reads of the instance: its image, flavor and ports (for the metadata)
flavor = objects.Flavor(name="server-small", extra_specs={}, memory_mb=4096, vcpus=4, root_gb=0,
                        ephemeral_gb=0, swap=0)
instance = objects.Instance(uuid=INSTANCE_UUID, id=2, display_name="sriov-1", image_ref="",
                            user_id="u1", project_id="p1", system_metadata={}, flavor=flavor,
                            info_cache=objects.InstanceInfoCache(network_info=network_model.NetworkInfo([vif])))
vf_device = objects.PciDevice(address=hostdev_vf)
port_conf = drv.vif_driver.get_config(instance, vif, instance.image_meta, instance.flavor, "kvm")
hostdev_conf = drv._get_guest_pci_device(vf_device)
xml = guest_config(port_conf, hostdev_conf)
seen["xml"] = xml

guest = host.write_instance_config(xml)
guest.launch(pause=True)
guest.resume()
seen["runningReached"] = nh.wait_for(lambda: guest.get_power_state(host) == 1)  # power_state.RUNNING
live = guest.get_xml_desc()
seen["liveXml"] = live
seen["liveHolds"] = {"port": holds(live, port_vf), "hostdev": holds(live, hostdev_vf)}
seen["cardHolds"] = {"port": card_holds(port_vf), "hostdev": card_holds(hostdev_vf)}
seen["liveInterface"] = nh.attempt(lambda: bool(guest.get_interface_by_cfg(port_conf)))

mark = len(events.seen)
seen["detachInterface"] = nh.attempt(
    lambda: drv.detach_interface(nova_context.get_admin_context(), instance, vif) or "done")
seen["eventsAfterDetach"] = [e for e in events.seen[mark:] if e["uuid"] == INSTANCE_UUID]
seen["afterDetachInterface"] = {
    "live": holds(guest.get_xml_desc(), port_vf),
    "persistent": holds(guest.get_xml_desc(dump_inactive=True), port_vf)}

seen["detachHostdev"] = nh.attempt(lambda: drv._detach_pci_devices(guest, [vf_device]) or "done")
seen["afterDetachHostdev"] = {"live": holds(guest.get_xml_desc(), hostdev_vf)}
seen["cardHoldsAfterDetach"] = {"port": card_holds(port_vf), "hostdev": card_holds(hostdev_vf)}

guest.poweroff()
guest.delete_configuration()
nh.emit(seen)
