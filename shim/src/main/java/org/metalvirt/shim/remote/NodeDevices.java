package org.metalvirt.shim.remote;

import java.util.List;
import java.util.Optional;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.hostxml.NodeDeviceDef;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;

/**
 * The host's node devices as they are now — read from the inventory of the node host-level
 * calls describe, at every call, so a VF gone from sysfs is gone from here — and what libvirt's
 * detach, re-attach and reset mean for each (shim/docs/node-devices.md).
 */
public final class NodeDevices {

    private final Host host;
    private final DomainService domains;

    public NodeDevices(Host host, DomainService domains) {
        this.host = host;
        this.domains = domains;
    }

    public List<NodeDeviceDef> all() {
        return NodeDeviceDef.of(host.inventory());
    }

    NodeDeviceDef get(String name) {
        return all().stream()
                .filter(device -> device.name().equals(name))
                .findFirst()
                .orElseThrow(() -> Failures.noNodeDevice("no node device with matching name '" + name + "'"));
    }

    /**
     * A VF taken for a domain: nothing to do, the card's kernel never drives the server's VFs.
     * Refused for a VF in use, and for the functions that are no VF.
     */
    void detach(String name, String driver) {
        free(vf(name), driver);
    }

    /** A VF given back to the host: nothing to do, no driver on the card takes it; refused as detach is. */
    void reattach(String name, String driver) {
        free(vf(name), driver);
    }

    /** A free VF's programming on the NIC cleared: the reset the card can give it. */
    void reset(String name, String driver) {
        NodeDeviceDef.Pci vf = vf(name);
        free(vf, driver);
        node().network().reset(vf.function().address());
    }

    private NodeDriver node() {
        return host.nodes().get(0);
    }

    private NodeDeviceDef.Pci vf(String name) {
        NodeDeviceDef device = get(name);
        if (!(device instanceof NodeDeviceDef.Pci pci)) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.DOMAIN,
                    "invalid argument: device " + name + " is not a PCI device");
        }
        String address = pci.function().address();
        return switch (pci.role()) {
            case VIRTUAL_FUNCTION -> pci;
            case PHYSICAL_FUNCTION ->
                throw Failures.unsupported(
                        ErrorDomain.DOMAIN,
                        "PCI device " + address + " is the physical function of the card's NIC: the card drives it, and"
                                + " the server gets its VFs");
            case VIRTIO_BLK ->
                throw Failures.unsupported(
                        ErrorDomain.DOMAIN,
                        "PCI device " + address + " is a virtio-blk function the card emulates: the server gets it as a"
                                + " <disk>");
        };
    }

    /** libvirt's refusal of a device a running domain holds, naming the driver and the domain. */
    private void free(NodeDeviceDef.Pci vf, String driver) {
        String address = vf.function().address();
        holder(address).ifPresent(domain -> {
            throw Failures.invalid(
                    ErrorDomain.NONE,
                    "PCI device " + address + " is in use by driver " + driver + ", domain " + domain);
        });
    }

    /** The active domain the card gave the function at {@code address}, by name. */
    Optional<String> holder(String address) {
        String node = node().name();
        return domains.list().stream()
                .filter(record -> record.active() && record.node().equals(node))
                .filter(record -> record.addresses().containsValue(address))
                .map(DomainRecord::name)
                .findFirst();
    }
}
