package org.metalvirt.node;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A NIC of the card whose VFs the server gets: its physical function, how many VFs it can have,
 * those enabled now with their PCI functions, and what its netdev and VPD say. What sysfs does
 * not show is empty, never guessed.
 *
 * @param pf        the physical function's netdev name
 * @param totalVfs  the most VFs the PF can have ({@code sriov_totalvfs})
 * @param vfs       the VFs enabled now, by index
 * @param function  the PF's PCI function, when sysfs describes it
 * @param mac       the PF netdev's MAC ({@code address})
 * @param link      the PF netdev's link: {@code operstate} and {@code speed} in Mb/s
 * @param vpd       the card's Vital Product Data, where the NIC has it
 */
public record SriovNic(
        String pf,
        int totalVfs,
        List<Vf> vfs,
        Optional<PciFunction> function,
        Optional<String> mac,
        Link link,
        Optional<Vpd> vpd) {

    /** One VF: its index under the PF, its PCI address and, when sysfs describes it, its function. */
    public record Vf(int index, String pciAddress, Optional<PciFunction> function) {
        public Vf {
            Objects.requireNonNull(pciAddress, "pciAddress");
            Objects.requireNonNull(function, "function");
        }

        public Vf(int index, String pciAddress) {
            this(index, pciAddress, Optional.empty());
        }
    }

    /**
     * A netdev's link as the kernel reports it.
     *
     * @param state {@code operstate}: up, down, unknown, notpresent, lowerlayerdown, testing, dormant
     * @param speed in Mb/s, when the link is up and the driver knows it
     */
    public record Link(String state, OptionalInt speed) {
        public static final Link UNKNOWN = new Link("unknown", OptionalInt.empty());

        public Link {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(speed, "speed");
        }
    }

    public SriovNic {
        Objects.requireNonNull(pf, "pf");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(vpd, "vpd");
        vfs = List.copyOf(vfs);
    }

    /** A NIC known only by its PF's name and VFs. */
    public SriovNic(String pf, int totalVfs, List<Vf> vfs) {
        this(pf, totalVfs, vfs, Optional.empty(), Optional.empty(), Link.UNKNOWN, Optional.empty());
    }
}
