package org.metalvirt.domainxml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;

/**
 * What a backend does for one domain on its server, derived only from the parsed definition:
 * the lifecycle actions, the firmware and boot order, the virtio-blk devices the card exposes,
 * the VFs its NIC gives the server, whether the serial console is wanted, and what the XML
 * holds that nothing acts on (listed so that an operator can see it was not forgotten).
 *
 * @param power      what to do when the server's OS powers off, reboots or crashes
 * @param boot       the boot order: {@code <os><boot>} or the per-device orders, never both;
 *                   {@code DISK} alone when the XML gives neither, as libvirt does
 * @param disks      the virtio-blk devices, in document order
 * @param vfs        the VFs, in document order: interfaces, then PCI host devices as they come
 * @param console    whether the XML has a {@code <serial>} or {@code <console>}
 * @param notActedOn elements kept in the XML that the server has no use for
 */
public record NodePlan(
        LifecycleActions power,
        Firmware firmware,
        boolean secureBoot,
        List<BootEntry> boot,
        List<VirtioBlkDisk> disks,
        List<VirtualFunction> vfs,
        boolean console,
        List<String> notActedOn) {

    public NodePlan {
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(firmware, "firmware");
        boot = List.copyOf(boot);
        disks = List.copyOf(disks);
        vfs = List.copyOf(vfs);
        notActedOn = List.copyOf(notActedOn);
    }

    /**
     * One step of the boot order.
     *
     * @param device what kind of device
     * @param id     the disk's or VF's id when a per-device {@code <boot order>} named it
     */
    public record BootEntry(BootDevice device, Optional<String> id) {
        public BootEntry {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(id, "id");
        }
    }

    /** The boot order as {@link org.metalvirt.node.BootControl} takes it: kinds, each once. */
    public List<BootDevice> bootOrder() {
        return boot.stream().map(BootEntry::device).distinct().toList();
    }
}
