package org.metalvirt.shim.domain;

/** Where the domain service sends what happened; called in the order things happened. */
@FunctionalInterface
public interface EventSink {

    EventSink NONE = event -> {};

    void publish(DomainEvent event);
}
