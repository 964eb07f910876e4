package org.metalvirt.shim.domain;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.shim.objects.Named;

/**
 * Everything known about one domain at one moment. Immutable: a state change makes a new
 * record, so readers never take a lock and never see half an update.
 *
 * @param config    the persistent definition; empty for a transient domain
 * @param live      the definition the running domain was started with; empty while inactive
 * @param node      the node the domain is bound to
 * @param id        the runtime id; -1 while inactive
 * @param since     when the current state began, in epoch milliseconds
 * @param addresses while active, the PCI address the card gave each device, by plan id
 * @param shutdownRequested while active, whether the OS was asked to shut down since it last
 *                  powered on: the domain stays RUNNING until the power is confirmed off
 */
public record DomainRecord(
        UUID uuid,
        String name,
        Optional<DomainDefinition> config,
        Optional<DomainDefinition> live,
        boolean autostart,
        String node,
        int id,
        DomainStatus status,
        long since,
        Map<String, String> addresses,
        boolean shutdownRequested)
        implements Named {

    public DomainRecord {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(status, "status");
        addresses = Map.copyOf(addresses);
        if (config.isEmpty() && live.isEmpty()) {
            throw new IllegalArgumentException("a domain has a persistent or a live definition");
        }
    }

    public boolean persistent() {
        return config.isPresent();
    }

    public boolean active() {
        return status.active();
    }

    /** The definition in effect: the live one while active, else the persistent one. */
    public DomainDefinition definition() {
        return live.orElseGet(config::orElseThrow);
    }

    /** The persistent definition when there is one; a transient domain's is its live one. */
    public DomainDefinition inactiveDefinition() {
        return config.orElseGet(live::orElseThrow);
    }

    /** True while active with a persistent definition changed since the start. */
    public boolean updated() {
        return live.isPresent()
                && config.isPresent()
                && !config.get().xml().equals(live.get().xml());
    }

    /** A domain just defined (or created transient) on a node: inactive, nothing on the card. */
    static DomainRecord inactive(DomainDefinition definition, boolean persistent, String node) {
        return new DomainRecord(
                definition.uuid(),
                definition.name(),
                persistent ? Optional.of(definition) : Optional.empty(),
                persistent ? Optional.empty() : Optional.of(definition),
                false,
                node,
                -1,
                DomainStatus.SHUTOFF_UNKNOWN,
                System.currentTimeMillis(),
                Map.of(),
                false);
    }

    DomainRecord withConfig(Optional<DomainDefinition> newConfig) {
        String newName = newConfig.map(DomainDefinition::name).orElse(name);
        return new DomainRecord(
                uuid, newName, newConfig, live, autostart, node, id, status, since, addresses, shutdownRequested);
    }

    /** A new live definition with the card's addresses for its devices. */
    DomainRecord withLive(DomainDefinition newLive, Map<String, String> newAddresses) {
        return new DomainRecord(
                uuid,
                name,
                config,
                Optional.of(newLive),
                autostart,
                node,
                id,
                status,
                since,
                newAddresses,
                shutdownRequested);
    }

    DomainRecord withAutostart(boolean newAutostart) {
        return new DomainRecord(
                uuid, name, config, live, newAutostart, node, id, status, since, addresses, shutdownRequested);
    }

    /** Becomes active with a new id, running {@code liveDefinition} with its devices at {@code newAddresses}. */
    DomainRecord started(
            int newId, DomainDefinition liveDefinition, DomainStatus newStatus, Map<String, String> newAddresses) {
        return new DomainRecord(
                uuid,
                name,
                config,
                Optional.of(liveDefinition),
                autostart,
                node,
                newId,
                newStatus,
                System.currentTimeMillis(),
                newAddresses,
                false);
    }

    DomainRecord in(DomainStatus newStatus) {
        return new DomainRecord(
                uuid,
                name,
                config,
                live,
                autostart,
                node,
                id,
                newStatus,
                newStatus.equals(status) ? since : System.currentTimeMillis(),
                addresses,
                shutdownRequested);
    }

    /** The OS was asked to shut down; the state stays what it is until the power goes off. */
    DomainRecord withShutdownRequested() {
        return new DomainRecord(uuid, name, config, live, autostart, node, id, status, since, addresses, true);
    }

    /** Powered on afresh (a reboot's second half, a reset): a later power-off was not asked for. */
    DomainRecord rebooted(DomainStatus newStatus) {
        return new DomainRecord(
                uuid, name, config, live, autostart, node, id, newStatus, System.currentTimeMillis(), addresses, false);
    }

    /** Becomes inactive: no id, no live definition, nothing on the card. */
    DomainRecord stopped(DomainStatus reason) {
        return new DomainRecord(
                uuid,
                name,
                config,
                Optional.empty(),
                autostart,
                node,
                -1,
                reason,
                System.currentTimeMillis(),
                Map.of(),
                false);
    }
}
