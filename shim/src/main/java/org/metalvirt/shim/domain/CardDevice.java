package org.metalvirt.shim.domain;

import java.util.ArrayList;
import java.util.List;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;

/**
 * A device the card gives the server, as a plan asks for it: a virtio-blk disk from its storage
 * or a VF from its NIC. Known by id within the domain; two with the same id and a different
 * programming (another VLAN, another volume) are the same device, changed.
 */
sealed interface CardDevice {

    String id();

    /** Gives the server this device; returns the address the server sees it at. */
    String attachTo(NodeDriver node);

    /** Gives the server back this device it had at {@code address}, which the card lost; returns the address. */
    String restoreTo(NodeDriver node, String address);

    void detachFrom(NodeDriver node);

    /**
     * A plan's devices: its disks, then the VFs it names by address, then those taking any free
     * VF, each in document order: a VF named further down is not taken by an earlier free pick.
     */
    static List<CardDevice> of(NodePlan plan) {
        // Loops, not streams: every start and destroy runs this, mostly for a plan with no device.
        List<CardDevice> devices = new ArrayList<>();
        for (VirtioBlkDisk disk : plan.disks()) {
            devices.add(new Disk(disk));
        }
        for (VirtualFunction vf : plan.vfs()) {
            if (vf.address().isPresent()) {
                devices.add(new Vf(vf));
            }
        }
        for (VirtualFunction vf : plan.vfs()) {
            if (vf.address().isEmpty()) {
                devices.add(new Vf(vf));
            }
        }
        return List.copyOf(devices);
    }

    record Disk(VirtioBlkDisk disk) implements CardDevice {
        @Override
        public String id() {
            return disk.id();
        }

        @Override
        public String attachTo(NodeDriver node) {
            return node.storage().attach(disk);
        }

        @Override
        public String restoreTo(NodeDriver node, String address) {
            return node.storage().restore(disk, address);
        }

        @Override
        public void detachFrom(NodeDriver node) {
            node.storage().detach(disk.id());
        }
    }

    record Vf(VirtualFunction vf) implements CardDevice {
        @Override
        public String id() {
            return vf.id();
        }

        @Override
        public String attachTo(NodeDriver node) {
            return node.network().attach(vf);
        }

        @Override
        public String restoreTo(NodeDriver node, String address) {
            return node.network().restore(vf, address);
        }

        @Override
        public void detachFrom(NodeDriver node) {
            node.network().detach(vf.id());
        }
    }
}
