package org.metalvirt.node;

import java.util.Map;
import java.util.Objects;

/**
 * What the configuration says about one node, handed to its backend.
 *
 * @param name      the node's name
 * @param inventory what the server is made of, as configured
 * @param options   the backend's own settings (timings, addresses, wiring), as strings
 */
public record NodeSpec(String name, NodeInventory inventory, Map<String, String> options) {

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inventory, "inventory");
        options = Map.copyOf(options);
    }
}
