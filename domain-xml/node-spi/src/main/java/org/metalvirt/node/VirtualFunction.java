package org.metalvirt.node;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An SR-IOV VF given to the server, as a domain interface asks for it.
 *
 * @param id         stable identity within the domain (libvirt's alias, or the MAC)
 * @param mac        the MAC programmed on the VF
 * @param vlan       the VLAN tag, if any
 * @param spoofCheck whether the NIC drops frames from other MACs
 * @param trust      whether the VF may change its MAC or go promiscuous
 */
public record VirtualFunction(String id, String mac, OptionalInt vlan, boolean spoofCheck, boolean trust) {

    public VirtualFunction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(vlan, "vlan");
    }
}
