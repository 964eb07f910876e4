package org.metalvirt.node;

import java.util.Objects;

/**
 * One bare-metal server as the daemon drives it: a name and the capabilities its backend
 * provides. Capabilities are composed, as Ironic composes hardware interfaces, so that one
 * server may take its power from GPIO lines and its disks from the SmartNIC while another uses
 * a BMC; each later capability joins this record.
 *
 * @param name      the node's name, unique in one daemon
 * @param inventory what the server is made of
 */
public record NodeDriver(String name, Inventory inventory) {

    public NodeDriver {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inventory, "inventory");
    }
}
