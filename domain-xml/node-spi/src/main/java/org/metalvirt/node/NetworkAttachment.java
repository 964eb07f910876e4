package org.metalvirt.node;

import java.util.List;
import org.metalvirt.error.VirtException;

/** Capability: SR-IOV VFs of the card's NIC, programmed and given to the server. */
public interface NetworkAttachment {

    /**
     * Picks a free VF — the one at {@link VirtualFunction#address()} when it names one — programs
     * it and gives it to the server; returns its PCI address. A named VF that is not enabled now
     * or is held already is refused, never replaced by another.
     */
    String attach(VirtualFunction vf);

    /**
     * Gives back a VF the server still has at {@code address} but the card no longer holds for it
     * (the card's software restarted): that same device where the backend can tell, else as
     * {@link #attach} would. Returns the address.
     */
    default String restore(VirtualFunction vf, String address) {
        return attach(vf);
    }

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

    /**
     * Clears what the card programmed on a free VF (MAC and VLAN back to none): the reset the card
     * can give a VF it never drives itself. "Not supported" where the backend programs no VFs.
     */
    default void reset(String pciAddress) {
        throw VirtException.noSupport("resetting a VF of the card's NIC");
    }
}
