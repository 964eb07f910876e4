package org.metalvirt.node;

import java.util.List;
import java.util.Objects;

/**
 * A NIC of the card whose VFs the server gets: its physical function, how many VFs it can have,
 * and those enabled now with their PCI addresses.
 *
 * @param pf       the physical function's netdev name
 * @param totalVfs the most VFs the PF can have ({@code sriov_totalvfs})
 * @param vfs      the VFs enabled now, by index
 */
public record SriovNic(String pf, int totalVfs, List<Vf> vfs) {

    /** One VF: its index under the PF and its PCI address. */
    public record Vf(int index, String pciAddress) {}

    public SriovNic {
        Objects.requireNonNull(pf, "pf");
        vfs = List.copyOf(vfs);
    }
}
