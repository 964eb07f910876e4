package org.metalvirt.node;

import java.util.List;
import java.util.Map;
import org.metalvirt.error.VirtException;

/** Capability: virtio-blk devices the card exposes to the server. */
public interface BlockStorage {

    /** Attaches the volume and exposes it to the server; returns the device's PCI address. */
    String attach(VirtioBlkDisk disk);

    /**
     * Gives back a disk the server still has at {@code address} but the card no longer serves (its
     * disk service or the card restarted): on that same function where the backend can place it,
     * so the server's OS finds its disk where it was; elsewhere as {@link #attach} would. Returns
     * the address.
     */
    default String restore(VirtioBlkDisk disk, String address) {
        return attach(disk);
    }

    /** Removes the device from the server and detaches its volume. */
    void detach(String id);

    /** The devices exposed now, by id. */
    List<String> attached();

    /**
     * The exposed disks whose volume the card finds failed now (gone, unreachable, cut short), by
     * id, each with the reason; empty when all are well. "Not supported" where the backend cannot tell.
     */
    default Map<String, String> failures() {
        throw VirtException.noSupport("the health of the card's disks");
    }

    /** How many virtio-blk devices the card can give the server at once; unbounded when the backend cannot tell. */
    default int capacity() {
        return Integer.MAX_VALUE;
    }
}
