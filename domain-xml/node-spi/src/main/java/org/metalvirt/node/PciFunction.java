package org.metalvirt.node;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A PCI function of the card as the server's PCI tree has it, read from sysfs: what libvirt
 * shows of a host's PCI device.
 *
 * @param address    {@code dddd:bb:ss.f}, lower case
 * @param vendorId   the {@code vendor} file, such as {@code 0x15b3}
 * @param productId  the {@code device} file
 * @param classCode  the {@code class} file (0x020000 an Ethernet controller), when sysfs has it
 * @param iommuGroup the group its {@code iommu_group} link names, when there is one
 * @param numaNode   the {@code numa_node} file, when it names a node (-1 is "none")
 * @param driver     the driver its {@code driver} link names, when one is bound
 */
public record PciFunction(
        String address,
        int vendorId,
        int productId,
        OptionalInt classCode,
        Optional<IommuGroup> iommuGroup,
        OptionalInt numaNode,
        Optional<String> driver) {

    private static final Pattern ADDRESS = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");

    /** Every virtio device's vendor (Red Hat's, as the virtio specification assigns it). */
    public static final int VIRTIO_VENDOR = 0x1af4;

    /** A modern (virtio 1.0) block device: 0x1040 plus its device id 2. */
    public static final int VIRTIO_BLK = 0x1042;

    /**
     * An IOMMU group: the functions that can only be given away together.
     *
     * @param members the addresses in the group's {@code devices} directory, this function always among them
     */
    public record IommuGroup(int number, List<String> members) {
        public IommuGroup {
            members = List.copyOf(members);
        }
    }

    public PciFunction {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(classCode, "classCode");
        Objects.requireNonNull(iommuGroup, "iommuGroup");
        Objects.requireNonNull(numaNode, "numaNode");
        Objects.requireNonNull(driver, "driver");
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not a PCI address (dddd:bb:ss.f): " + address);
        }
    }

    /**
     * A virtio-blk function the card emulates: the ids and class (mass storage, 0x010000) the
     * virtio specification gives every such function; nothing else is known of it on the card.
     */
    public static PciFunction virtioBlk(String address) {
        return new PciFunction(
                address,
                VIRTIO_VENDOR,
                VIRTIO_BLK,
                OptionalInt.of(0x010000),
                Optional.empty(),
                OptionalInt.empty(),
                Optional.of("virtio-pci"));
    }
}
