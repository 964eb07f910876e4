package org.metalvirt.shim.domain;

import static org.metalvirt.error.ErrorDomain.DOMAIN;
import static org.metalvirt.error.Failures.invalid;

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
import org.metalvirt.shim.objects.ObjectJob;

/**
 * Hot-plug, as a sequence of definitions: a change is an edit of the persistent and/or live
 * definition, checked against the node, and for the live one the card moved from the old plan's
 * devices to the new one's, with the events that name them.
 */
final class HotPlug {

    private final DomainTable table;

    HotPlug(DomainTable table) {
        this.table = table;
    }

    /**
     * Adds a disk, interface or host device: to the running server (live: the card attaches it,
     * then DEVICE_ADDED), to the persistent definition (config), or both. Everything is checked
     * before the hardware is touched; a hardware failure changes nothing.
     */
    void attach(UUID uuid, String xml, Affect affect) {
        change(uuid, DomainJob.ATTACH_DEVICE, affect, definition -> DeviceXml.attach(definition, xml));
    }

    /** Replaces a device, matched as detach matches it; the card reprograms it if it changed. */
    void update(UUID uuid, String xml, Affect affect) {
        change(
                uuid,
                DomainJob.UPDATE_DEVICE,
                affect,
                definition -> DeviceXml.attach(DeviceXml.detach(definition, xml), xml));
    }

    /** Removes a device, matched as libvirt matches it; a live removal ends with DEVICE_REMOVED. */
    void detach(UUID uuid, String xml, Affect affect) {
        change(uuid, DomainJob.DETACH_DEVICE, affect, definition -> DeviceXml.detach(definition, xml));
    }

    /** Removes the device with this alias: a user alias, or one the live XML shows ({@code net0}). */
    void detachAlias(UUID uuid, String alias, Affect affect) {
        change(uuid, DomainJob.DETACH_DEVICE_ALIAS, affect, definition -> LiveXml.withoutAlias(definition, alias));
    }

    private void change(UUID uuid, DomainJob operation, Affect affect, UnaryOperator<DomainDefinition> edit) {
        table.job(uuid, operation, job -> {
            DomainRecord record = job.record();
            // Decided here, under the lock: a start or stop that ran meanwhile has changed what CURRENT means.
            boolean live = affect.live(record);
            boolean config = affect.config(record);
            if (live && !record.active()) {
                throw invalid(DOMAIN, "domain is not running");
            }
            if (config && !record.persistent()) {
                throw invalid(DOMAIN, "transient domains do not have any persistent config");
            }
            // Edit and check both definitions first: nothing is touched unless both are valid.
            Optional<DomainDefinition> newConfig =
                    config ? Optional.of(edit.apply(record.config().orElseThrow())) : Optional.empty();
            newConfig.ifPresent(definition -> table.plan(record.node(), definition));
            DomainRecord updated = newConfig
                    .map(definition -> record.withConfig(Optional.of(definition)))
                    .orElse(record);
            if (live) {
                updated = changeLive(job, updated, edit.apply(record.live().orElseThrow()));
            }
            return job.commit(updated);
        });
    }

    /** The card moves to the new live definition's devices; events name each device by its live alias. */
    private DomainRecord changeLive(
            ObjectJob<DomainRecord, DomainEvent> job, DomainRecord updated, DomainDefinition newLive) {
        DomainRecord record = job.record();
        DomainDefinition oldLive = record.live().orElseThrow();
        NodeDriver node = table.node(record.node());
        NodePlan before = table.plan(record.node(), oldLive);
        NodePlan after = table.plan(record.node(), newLive);
        table.checkNetworks(record.node(), Optional.of(oldLive), newLive);
        Map<String, String> oldAliases = LiveXml.aliases(oldLive);
        Map<String, String> newAliases = LiveXml.aliases(newLive);
        DomainRef ref = DomainRef.of(record);
        Map<String, String> addresses;
        try {
            addresses = CardDevices.apply(node, before, after, record.addresses());
        } catch (VirtException e) {
            oldAliases.forEach((id, alias) -> {
                if (!newAliases.containsKey(id)) {
                    job.publish(new DomainEvent.DeviceRemovalFailed(ref, alias));
                }
            });
            throw e;
        }
        oldAliases.forEach((id, alias) -> {
            if (!newAliases.containsKey(id)) {
                job.publish(new DomainEvent.DeviceRemoved(ref, alias));
            }
        });
        newAliases.forEach((id, alias) -> {
            if (!oldAliases.containsKey(id)) {
                job.publish(new DomainEvent.DeviceAdded(ref, alias));
            }
        });
        return updated.withLive(newLive, addresses);
    }
}
