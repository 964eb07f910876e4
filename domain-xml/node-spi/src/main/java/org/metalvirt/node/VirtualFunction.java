package org.metalvirt.node;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An SR-IOV VF given to the server, as a domain interface asks for it.
 *
 * @param id         stable identity within the domain (libvirt's alias, or the MAC)
 * @param mac        the MAC programmed on the VF
 * @param vlan       the VLAN tag, if any
 * @param spoofCheck whether the NIC drops frames from other MACs
 * @param trust      whether the VF may change its MAC or go promiscuous
 * @param address    the VF asked for by its PCI address ({@code dddd:bb:ss.f}), as a
 *                   {@code <hostdev>} or an {@code <interface type='hostdev'>} source names it;
 *                   empty: any free VF
 */
public record VirtualFunction(
        String id, String mac, OptionalInt vlan, boolean spoofCheck, boolean trust, Optional<String> address) {

    public VirtualFunction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(vlan, "vlan");
        Objects.requireNonNull(address, "address");
    }

    /** Any free VF. */
    public VirtualFunction(String id, String mac, OptionalInt vlan, boolean spoofCheck, boolean trust) {
        this(id, mac, vlan, spoofCheck, trust, Optional.empty());
    }
}
