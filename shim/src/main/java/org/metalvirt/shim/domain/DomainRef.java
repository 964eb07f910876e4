package org.metalvirt.shim.domain;

import java.util.UUID;

/** Which domain an event is about, as it was when the event happened. */
public record DomainRef(String name, UUID uuid, int id) {

    static DomainRef of(DomainRecord record) {
        return new DomainRef(record.name(), record.uuid(), record.active() ? record.id() : -1);
    }
}
