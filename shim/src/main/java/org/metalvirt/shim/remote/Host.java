package org.metalvirt.shim.remote;

import java.util.List;
import java.util.Objects;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;

/**
 * What the daemon reports as "the host" of a connection.
 *
 * @param hostname the daemon's own host name (the card's, or the rack controller's)
 * @param nodes    the servers the daemon manages; the first is the one host-level calls describe
 *                 (on a SmartNIC it is the only one)
 */
public record Host(String hostname, List<NodeDriver> nodes) {

    public Host {
        Objects.requireNonNull(hostname, "hostname");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a daemon manages at least one node");
        }
    }

    NodeInventory inventory() {
        return nodes.get(0).inventory().read();
    }

    /** What the node a domain is bound to is made of. */
    NodeInventory inventory(String node) {
        return nodes.stream()
                .filter(driver -> driver.name().equals(node))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node " + node))
                .inventory()
                .read();
    }
}
