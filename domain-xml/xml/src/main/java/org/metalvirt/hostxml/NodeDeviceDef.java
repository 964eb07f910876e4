package org.metalvirt.hostxml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.metalvirt.node.PciFunction;
import org.metalvirt.node.SriovNic;
import org.metalvirt.node.SystemIdentity;
import org.metalvirt.node.Vpd;

/**
 * A device of the server as libvirt's node-device API shows a host's: the {@code computer} root,
 * the card's PCI functions the server sees (each NIC's PF, its VFs, the virtio-blk functions) and
 * each PF's netdev. Named as libvirt's udev backend names them.
 */
public sealed interface NodeDeviceDef {

    /** The root every device hangs from, as libvirt names it. */
    String ROOT = "computer";

    String name();

    /** The parent's name; the root has none. */
    Optional<String> parent();

    /** libvirt's capability names, as {@code virNodeDeviceListCaps} lists them. */
    List<String> capabilities();

    /** The server itself. */
    record Computer(SystemIdentity system) implements NodeDeviceDef {
        @Override
        public String name() {
            return ROOT;
        }

        @Override
        public Optional<String> parent() {
            return Optional.empty();
        }

        @Override
        public List<String> capabilities() {
            return List.of("system");
        }
    }

    /** What a PCI function is to the server. */
    enum Role {
        /** A NIC's physical function: the card's own, it carries the VFs. */
        PHYSICAL_FUNCTION,
        /** A VF the card can give the server. */
        VIRTUAL_FUNCTION,
        /** A virtio-blk function the card exposes for a disk. */
        VIRTIO_BLK
    }

    /**
     * A PCI function. Its parent is the root: the bridges above it are the server's and not known
     * to the card.
     *
     * @param physFunction  a VF's PF address
     * @param virtFunctions a PF's VF addresses, enabled now
     * @param maxVfs        a PF's {@code sriov_totalvfs}
     */
    record Pci(
            PciFunction function,
            Role role,
            Optional<String> physFunction,
            List<String> virtFunctions,
            int maxVfs,
            Optional<Vpd> vpd)
            implements NodeDeviceDef {

        public Pci {
            Objects.requireNonNull(function, "function");
            virtFunctions = List.copyOf(virtFunctions);
        }

        @Override
        public String name() {
            return pciName(function.address());
        }

        @Override
        public Optional<String> parent() {
            return Optional.of(ROOT);
        }

        @Override
        public List<String> capabilities() {
            return vpd.isPresent() ? List.of("pci", "vpd") : List.of("pci");
        }
    }

    /** A PF's netdev: its MAC and link. */
    record Net(String ifname, String pciParent, Optional<String> mac, SriovNic.Link link) implements NodeDeviceDef {
        @Override
        public String name() {
            return sanitized("net_" + ifname + mac.map(m -> "_" + m).orElse(""));
        }

        @Override
        public Optional<String> parent() {
            return Optional.of(pciParent);
        }

        @Override
        public List<String> capabilities() {
            return List.of("net");
        }
    }

    /** {@code pci_0000_5e_00_2} for 0000:5e:00.2. */
    static String pciName(String address) {
        return sanitized("pci_" + address);
    }

    /** libvirt's rule: every character that is not a letter or a digit becomes '_'. */
    private static String sanitized(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_");
    }

    /** The server's devices, root first, each NIC's PF followed by its netdev and VFs, then the disk functions. */
    static List<NodeDeviceDef> of(org.metalvirt.node.NodeInventory inventory) {
        List<NodeDeviceDef> devices = new ArrayList<>();
        devices.add(new Computer(inventory.system()));
        for (SriovNic nic : inventory.nics()) {
            Optional<String> pf = nic.function().map(PciFunction::address);
            List<String> vfs = nic.vfs().stream()
                    .filter(vf -> vf.function().isPresent())
                    .map(SriovNic.Vf::pciAddress)
                    .toList();
            nic.function()
                    .ifPresent(function -> devices.add(new Pci(
                            function, Role.PHYSICAL_FUNCTION, Optional.empty(), vfs, nic.totalVfs(), nic.vpd())));
            devices.add(new Net(nic.pf(), pf.map(NodeDeviceDef::pciName).orElse(ROOT), nic.mac(), nic.link()));
            for (SriovNic.Vf vf : nic.vfs()) {
                vf.function()
                        .ifPresent(function -> devices.add(
                                new Pci(function, Role.VIRTUAL_FUNCTION, pf, List.of(), 0, Optional.empty())));
            }
        }
        inventory
                .blockFunctions()
                .forEach(function -> devices.add(
                        new Pci(function, Role.VIRTIO_BLK, Optional.empty(), List.of(), 0, Optional.empty())));
        return List.copyOf(devices);
    }
}
