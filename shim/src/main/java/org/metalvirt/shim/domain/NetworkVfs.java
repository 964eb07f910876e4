package org.metalvirt.shim.domain;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.metalvirt.domainxml.Device;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;

/**
 * The check libvirt's network driver makes when an {@code <interface type='network'>} asks its
 * network for a port, made before the card is touched: the network exists, is active, and its
 * PF has a free VF for every interface that newly asks for one. A VF is in use while a domain
 * holds its address.
 */
final class NetworkVfs {

    private NetworkVfs() {}

    /**
     * Checks that the interfaces of {@code after} not in {@code before} get a VF each.
     *
     * @param inUse the PCI addresses the card has given the node's server now
     */
    static void check(
            NetworkPorts ports,
            NodeDriver node,
            Optional<DomainDefinition> before,
            DomainDefinition after,
            Collection<String> inUse) {
        Set<Device> existing =
                new HashSet<>(before.map(DomainDefinition::devices).orElse(List.of()));
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (Device device : after.devices()) {
            if (device instanceof Device.Interface nic && nic.type().equals("network") && !existing.contains(device)) {
                wanted.merge(nic.source().orElseThrow(), 1, Integer::sum);
            }
        }
        wanted.forEach((network, count) -> {
            List<String> pool = ports.pool(network, node);
            long free =
                    pool.stream().filter(address -> !inUse.contains(address)).count();
            if (free < count) {
                throw new VirtException(
                        ErrorNumber.INTERNAL_ERROR,
                        ErrorDomain.NETWORK,
                        "internal error: network '" + network
                                + "' requires exclusive access to interfaces, but none are available");
            }
        });
    }
}
