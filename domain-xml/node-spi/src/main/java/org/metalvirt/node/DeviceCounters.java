package org.metalvirt.node;

/**
 * Capability: I/O counters of the devices the card gives the server, as the card sees them
 * (SPDK's bdev statistics, the PF's per-VF counters). Backends that cannot count leave it out.
 */
public interface DeviceCounters {

    /** Counters of a virtio-blk device since it was attached. */
    record Block(long readRequests, long readBytes, long writeRequests, long writeBytes, long errors) {}

    /** Counters of a VF, from the server's side: rx is what the server received. */
    record Interface(
            long rxBytes,
            long rxPackets,
            long rxErrors,
            long rxDrops,
            long txBytes,
            long txPackets,
            long txErrors,
            long txDrops) {}

    /** How big a virtio-blk device's volume is, in bytes: libvirt's allocation, capacity, physical. */
    record Size(long allocation, long capacity, long physical) {}

    Block block(String diskId);

    Size size(String diskId);

    Interface network(String vfId);
}
