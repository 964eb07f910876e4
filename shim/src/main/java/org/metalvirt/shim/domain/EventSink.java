package org.metalvirt.shim.domain;

import org.metalvirt.node.PowerState;

/** Where the domain service sends what happened; called in the order things happened. */
@FunctionalInterface
public interface EventSink {

    EventSink NONE = event -> {};

    void publish(DomainEvent event);

    /** A node's power changed without anybody here asking (a button, the OS, another BMC client); counted, not sent. */
    default void outOfBand(String node, PowerState power) {}
}
