package org.metalvirt.node;

import java.util.List;
import org.metalvirt.error.VirtException;

/** Capability: SR-IOV VFs of the card's NIC, programmed and given to the server. */
public interface NetworkAttachment {

    /** Picks a free VF, programs it and gives it to the server; returns its PCI address. */
    String attach(VirtualFunction vf);

    /** Takes the VF back from the server and clears it. */
    void detach(String id);

    /** The VFs given to the server now, by id. */
    List<String> attached();

    /** How many VFs the card can give the server at once; unbounded when the backend cannot tell. */
    default int capacity() {
        return Integer.MAX_VALUE;
    }

    /**
     * The IPv4 addresses the card's neighbour (ARP) table holds for {@code mac}: what the card has
     * seen the server use, as libvirt's ARP source reads its host's table. Empty when it has seen
     * none; "not supported" where the backend reads no such table.
     */
    default List<String> neighbours(String mac) {
        throw VirtException.noSupport("the card's neighbour table");
    }
}
