package org.metalvirt.shim.network;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.networkxml.NetworkDefinition;
import org.metalvirt.shim.objects.Named;

/**
 * One network at one moment; immutable, replaced whole on every change.
 *
 * @param config the persistent definition; empty for a transient network
 * @param live   the definition the network was started with; empty while inactive
 */
public record NetworkRecord(
        UUID uuid, String name, Optional<NetworkDefinition> config, Optional<NetworkDefinition> live, boolean autostart)
        implements Named {

    public NetworkRecord {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        if (config.isEmpty() && live.isEmpty()) {
            throw new IllegalArgumentException("a network has a persistent or a live definition");
        }
    }

    public boolean active() {
        return live.isPresent();
    }

    public boolean persistent() {
        return config.isPresent();
    }

    /** The definition in effect: the live one while active, else the persistent one. */
    public NetworkDefinition definition() {
        return live.orElseGet(config::orElseThrow);
    }

    static NetworkRecord defined(NetworkDefinition definition, boolean autostart) {
        return new NetworkRecord(
                definition.uuid(), definition.name(), Optional.of(definition), Optional.empty(), autostart);
    }

    static NetworkRecord transientlyStarted(NetworkDefinition definition) {
        return new NetworkRecord(
                definition.uuid(), definition.name(), Optional.empty(), Optional.of(definition), false);
    }

    NetworkRecord withConfig(Optional<NetworkDefinition> newConfig) {
        return new NetworkRecord(uuid, name, newConfig, live, newConfig.isPresent() && autostart);
    }

    NetworkRecord started() {
        return new NetworkRecord(uuid, name, config, Optional.of(config.orElseThrow()), autostart);
    }

    NetworkRecord stopped() {
        return new NetworkRecord(uuid, name, config, Optional.empty(), autostart);
    }

    NetworkRecord withAutostart(boolean newAutostart) {
        return new NetworkRecord(uuid, name, config, live, newAutostart);
    }
}
