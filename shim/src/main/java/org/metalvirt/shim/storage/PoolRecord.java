package org.metalvirt.shim.storage;

import java.util.Optional;
import java.util.UUID;
import org.metalvirt.shim.objects.Named;
import org.metalvirt.storage.PoolFacts;

/**
 * A storage pool as the daemon holds it, replaced whole on every change.
 *
 * @param persistent whether it was defined (a pool made by {@code pool-create} is not)
 * @param facts      its space and volumes as last refreshed, while active
 */
public record PoolRecord(
        PoolDefinition definition, boolean persistent, boolean active, boolean autostart, Optional<PoolFacts> facts)
        implements Named {

    @Override
    public UUID uuid() {
        return definition.uuid();
    }

    @Override
    public String name() {
        return definition.name();
    }

    PoolRecord started(PoolFacts now) {
        return new PoolRecord(definition, persistent, true, autostart, Optional.of(now));
    }

    PoolRecord refreshed(PoolFacts now) {
        return started(now);
    }

    PoolRecord stopped() {
        return new PoolRecord(definition, persistent, false, autostart, Optional.empty());
    }

    PoolRecord withAutostart(boolean on) {
        return new PoolRecord(definition, persistent, active, on, facts);
    }

    PoolRecord withDefinition(PoolDefinition newDefinition) {
        return new PoolRecord(newDefinition, true, active, autostart, facts);
    }

    PoolRecord transientNow() {
        return new PoolRecord(definition, false, active, false, facts);
    }
}
