package org.metalvirt.baremetal.smartnic;

import java.util.Optional;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * One way of giving the server a virtio-blk device on the card: attach the volume, then expose it
 * on an emulated PCI function. {@link VdpaProvider} drives the kernel's vDPA tool, {@link SpdkProvider}
 * SPDK's JSON-RPC; a node's configuration picks one.
 */
public interface VirtioBlkProvider {

    /**
     * Attaches {@code disk}'s volume and exposes it on the function in {@code slot}; returns
     * what {@link #remove} needs to undo it (names of what was created), which is persisted.
     */
    Exposed expose(int slot, VirtioBlkDisk disk);

    /** Removes the device, then detaches its volume. */
    void remove(Exposed exposed);

    /**
     * Whether the card still exports a device recorded by an earlier daemon: true where exports
     * outlive the daemon (vDPA devices, an SPDK target), false for a provider that starts empty.
     */
    default boolean exports(Exposed exposed) {
        return true;
    }

    /** Why the volume of a device fails now (gone, unreachable), if it does; "not supported" where the provider cannot tell. */
    default Optional<String> failure(Exposed exposed) {
        throw VirtException.noSupport("the health of the card's disks");
    }

    /**
     * A device as created.
     *
     * @param slot     the emulated function it sits on
     * @param protocol the volume's protocol
     * @param volume   what the volume's attachment is called (bdev, portal and IQN, NQN, pool/image)
     * @param device   the vDPA device or the SPDK controller
     */
    record Exposed(int slot, String protocol, String volume, String device) {}
}
