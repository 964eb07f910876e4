package org.metalvirt.node;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the configuration says about one node, handed to its backend.
 *
 * @param name      the node's name
 * @param inventory what the server is made of, as configured
 * @param options   the backend's own settings (timings, addresses, wiring), as strings
 * @param stateDir  a directory of the daemon's state where the backend may keep what must outlive
 *                  a daemon restart (VF assignments, a simulated board's power)
 */
public record NodeSpec(String name, NodeInventory inventory, Map<String, String> options, Path stateDir) {

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inventory, "inventory");
        options = Map.copyOf(options);
        Objects.requireNonNull(stateDir, "stateDir");
    }
}
