package org.metalvirt.domainxml;

/**
 * What the card can give one server, beyond the server's own CPUs and memory.
 *
 * @param maxDisks the virtio-blk functions the card can expose
 * @param maxVfs   the SR-IOV VFs its NIC offers
 */
public record NodeLimits(int maxDisks, int maxVfs) {

    public NodeLimits {
        if (maxDisks < 0 || maxVfs < 0) {
            throw new IllegalArgumentException("limits cannot be negative");
        }
    }
}
