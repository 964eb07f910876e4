package org.metalvirt.node;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the configuration says about one node, handed to its backend.
 *
 * @param name       the node's name
 * @param inventory  what the server is made of, as configured
 * @param options    the backend's own settings (timings, addresses, wiring), as strings
 * @param stateDir   a directory of the daemon's state where the backend may keep what must outlive
 *                   a daemon restart and a reboot of the card (a simulated board's power)
 * @param runtimeDir a directory of the daemon's runtime state (a tmpfs such as {@code /run}), for
 *                   what outlives a daemon restart but not a reboot of the card, as the card's own
 *                   programming does not (which VF a running domain holds)
 */
public record NodeSpec(
        String name, NodeInventory inventory, Map<String, String> options, Path stateDir, Path runtimeDir) {

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inventory, "inventory");
        options = Map.copyOf(options);
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(runtimeDir, "runtimeDir");
    }

    /** A node whose runtime state is kept in its state directory. */
    public NodeSpec(String name, NodeInventory inventory, Map<String, String> options, Path stateDir) {
        this(name, inventory, options, stateDir, stateDir);
    }
}
