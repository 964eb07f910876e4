package org.metalvirt.shim.domain;

import static org.metalvirt.shim.domain.DomainTable.current;
import static org.metalvirt.shim.domain.DomainTable.invalid;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.metalvirt.domainxml.DeviceXml;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.LiveXml;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;

/**
 * Hot-plug, as a sequence of definitions: a change is an edit of the persistent and/or live
 * definition, checked against the node, and for the live one the card moved from the old plan's
 * devices to the new one's, with the events that name them.
 */
final class DeviceChanges {

    private final DomainTable table;

    DeviceChanges(DomainTable table) {
        this.table = table;
    }

    /**
     * Adds a disk, interface or host device: to the running server ({@code live}: the card
     * attaches it, then DEVICE_ADDED), to the persistent definition ({@code config}), or both.
     * Everything is checked before the hardware is touched; a hardware failure changes nothing.
     */
    void attach(UUID uuid, String xml, boolean live, boolean config) {
        changeDevices(uuid, "DOMAIN_ATTACH_DEVICE", live, config, definition -> DeviceXml.attach(definition, xml));
    }

    /** Replaces a device, matched as detach matches it; the card reprograms it if it changed. */
    void update(UUID uuid, String xml, boolean live, boolean config) {
        changeDevices(uuid, "DOMAIN_UPDATE_DEVICE", live, config,
                definition -> DeviceXml.attach(DeviceXml.detach(definition, xml), xml));
    }

    /** Removes a device, matched as libvirt matches it; a live removal ends with DEVICE_REMOVED. */
    void detach(UUID uuid, String xml, boolean live, boolean config) {
        changeDevices(uuid, "DOMAIN_DETACH_DEVICE", live, config, definition -> DeviceXml.detach(definition, xml));
    }

    /** Removes the device with this alias: a user alias, or one the live XML shows ({@code net0}). */
    void detachAlias(UUID uuid, String alias, boolean live, boolean config) {
        changeDevices(uuid, "DOMAIN_DETACH_DEVICE_ALIAS", live, config, definition -> LiveXml.withoutAlias(definition,
                alias));
    }

    private void changeDevices(UUID uuid, String operation, boolean live, boolean config,
                               UnaryOperator<DomainDefinition> edit) {
        ManagedDomain domain = table.managed(uuid);
        try (StateLock.Held held = domain.lock(operation, table.settings.lockTimeout())) {
            DomainRecord record = current(domain);
            if (live && !record.active()) {
                throw invalid("domain is not running");
            }
            if (config && !record.persistent()) {
                throw invalid("transient domains do not have any persistent config");
            }
            // Edit and check both definitions first: nothing is touched unless both are valid.
            Optional<DomainDefinition> newConfig = config ? Optional.of(edit.apply(record.config().orElseThrow()))
                    : Optional.empty();
            newConfig.ifPresent(definition -> table.plan(record.node(), definition));
            DomainRecord updated = newConfig.map(definition -> record.withConfig(Optional.of(definition))).orElse(record);
            if (live) {
                updated = changeLiveDevices(record, updated, edit.apply(record.live().orElseThrow()));
            }
            table.commit(domain, updated);
        }
    }

    /** The card moves to the new live definition's devices; events name each device by its live alias. */
    private DomainRecord changeLiveDevices(DomainRecord record, DomainRecord updated, DomainDefinition newLive) {
        DomainDefinition oldLive = record.live().orElseThrow();
        NodeDriver node = table.nodes.node(record.node());
        NodePlan before = table.plan(record.node(), oldLive);
        NodePlan after = table.plan(record.node(), newLive);
        Map<String, String> oldAliases = LiveXml.aliases(oldLive);
        Map<String, String> newAliases = LiveXml.aliases(newLive);
        Map<String, String> addresses;
        try {
            addresses = CardDevices.apply(node, before, after, record.addresses());
        } catch (VirtException e) {
            oldAliases.forEach((id, alias) -> {
                if (!newAliases.containsKey(id)) {
                    table.events.publish(new DomainEvent.DeviceRemovalFailed(DomainRef.of(record), alias));
                }
            });
            throw e;
        }
        DomainRef ref = DomainRef.of(record);
        oldAliases.forEach((id, alias) -> {
            if (!newAliases.containsKey(id)) {
                table.events.publish(new DomainEvent.DeviceRemoved(ref, alias));
            }
        });
        newAliases.forEach((id, alias) -> {
            if (!oldAliases.containsKey(id)) {
                table.events.publish(new DomainEvent.DeviceAdded(ref, alias));
            }
        });
        return updated.withLive(newLive, addresses);
    }

}
