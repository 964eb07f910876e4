package org.metalvirt.shim.server;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.metalvirt.networkxml.NetworkDefinition.ForwardMode;
import org.metalvirt.shim.network.NetworkSeed;

/**
 * One network of the configuration file, defined at the daemon's first start: a name, the PF of
 * the card's NIC whose VFs it hands out, how (hostdev or passthrough), and whether it autostarts.
 */
public final class NetworkConfig {

    public String name;
    public String pf;
    public String mode = "hostdev";
    public boolean autostart = true;

    /** The configured networks, checked; empty when the file has no {@code networks} key. */
    static Optional<List<NetworkSeed>> seeds(List<NetworkConfig> networks) {
        if (networks == null) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        for (NetworkConfig network : networks) {
            if (network.name == null
                    || network.name.isBlank()
                    || network.name.contains("/")
                    || !names.add(network.name)) {
                throw new ConfigException(
                        "networks: names must be present, unique and without '/', got '" + network.name + "'");
            }
            if (network.pf == null || network.pf.isBlank()) {
                throw new ConfigException(
                        "networks: network '" + network.name + "' needs the pf whose VFs it hands out");
            }
            if (!List.of("hostdev", "passthrough").contains(network.mode)) {
                throw new ConfigException("networks: network '" + network.name
                        + "': mode is hostdev or passthrough, not '" + network.mode + "'");
            }
        }
        return Optional.of(networks.stream()
                .map(network -> new NetworkSeed(
                        network.name,
                        network.pf,
                        network.mode.equals("hostdev") ? ForwardMode.HOSTDEV : ForwardMode.PASSTHROUGH,
                        network.autostart))
                .toList());
    }
}
