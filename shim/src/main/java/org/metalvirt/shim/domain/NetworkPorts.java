package org.metalvirt.shim.domain;

import java.util.List;
import org.metalvirt.error.Failures;
import org.metalvirt.node.NodeDriver;

/**
 * What the domain service asks the networks before a server's {@code <interface type='network'>}
 * takes a VF: the network's pool on the domain's node. The network service answers it.
 */
@FunctionalInterface
public interface NetworkPorts {

    /** A daemon without networks: every network named is unknown. */
    NetworkPorts NONE = (network, node) -> {
        throw Failures.noNetwork("no network with matching name '" + network + "'");
    };

    /**
     * The PCI addresses of the VFs the network's PF has on {@code node} now; libvirt's
     * NO_NETWORK for a network that does not exist, "not active" for one that is not started.
     */
    List<String> pool(String network, NodeDriver node);
}
