package org.metalvirt.shim.storage;

import java.util.UUID;
import org.metalvirt.storage.PoolSource;

/** A storage pool's definition, as read from its XML: its identity and what its driver needs. */
public record PoolDefinition(UUID uuid, String name, PoolSource source) {

    public String type() {
        return source.type();
    }
}
