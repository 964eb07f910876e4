package org.metalvirt.shim.domain;

import static org.metalvirt.error.ErrorDomain.DOMAIN;
import static org.metalvirt.error.Failures.invalid;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.error.Failures;
import org.metalvirt.shim.objects.ObjectTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which domains there are, and their persistent side: define, undefine, look up, autostart, metadata. */
final class DomainRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DomainRegistry.class);

    private final DomainTable table;

    DomainRegistry(DomainTable table) {
        this.table = table;
    }

    List<DomainRecord> list() {
        return table.objects().allByName();
    }

    DomainRecord lookup(UUID uuid) {
        return table.objects().get(uuid);
    }

    DomainRecord lookupByName(String name) {
        return table.objects().byName(name);
    }

    DomainRecord lookupById(int id) {
        return table.objects()
                .find(record -> record.active() && record.id() == id)
                .orElseThrow(() -> Failures.noDomain("no domain with matching id " + id));
    }

    long jobMillis(UUID uuid) {
        return table.objects().jobMillis(uuid);
    }

    OptionalLong powerOnMillis(UUID uuid) {
        return table.objects()
                .job(uuid)
                .filter(running -> running.job() instanceof DomainJob job && job.powersOn())
                .map(running -> OptionalLong.of(running.elapsedMillis()))
                .orElse(OptionalLong.empty());
    }

    /**
     * The domain with the definition's name and UUID, or a new one bound to a node (saved unless
     * {@code unsaved}: a transient domain about to start), chosen and added in one step.
     */
    Optional<DomainRecord> existingOrAdd(DomainDefinition definition, boolean persistent, boolean unsaved) {
        // Chosen and reserved under the registry; saved outside it, so concurrent defines share an fsync.
        Added added = table.objects().exclusively(() -> {
            Optional<DomainRecord> existing = table.objects().existing(definition.uuid(), definition.name());
            if (existing.isPresent()) {
                return new Added(existing, null);
            }
            String node = table.nodes().bind(definition, table.objects()::anyInGroup);
            if (persistent) {
                table.plan(node, definition);
            }
            return new Added(
                    existing,
                    table.objects()
                            .reserve(
                                    DomainRecord.inactive(definition, persistent, node),
                                    unsaved,
                                    DomainJob.DEFINE_XML));
        });
        if (added.reserved() != null) {
            DomainRecord record = added.reserved().commit();
            LOG.info(
                    "{} domain '{}' ({}) on node {}",
                    persistent ? "defined" : "created",
                    record.name(),
                    record.uuid(),
                    record.node());
        }
        return added.existing();
    }

    /** What {@link #existingOrAdd} found, or reserved to add. */
    private record Added(Optional<DomainRecord> existing, ObjectTable.Reservation<DomainRecord> reserved) {}

    /** Defines a domain, or redefines one with the same name and UUID (its persistent definition only). */
    DomainRecord define(String xml) {
        DomainDefinition definition = DomainXml.parse(xml);
        if (existingOrAdd(definition, true, false).isEmpty()) {
            return table.job(definition.uuid(), DomainJob.DEFINE_XML, job -> {
                job.publish(DomainTable.lifecycle(job.record(), DomainEvent.Defined.ADDED));
                return job.record();
            });
        }
        return table.job(definition.uuid(), DomainJob.DEFINE_XML, job -> {
            table.plan(job.record().node(), definition);
            DomainRecord updated = job.commit(job.record().withConfig(Optional.of(definition)));
            job.publish(DomainTable.lifecycle(updated, DomainEvent.Defined.UPDATED));
            return updated;
        });
    }

    /** Removes the persistent definition: an inactive domain is gone, an active one becomes transient. */
    void undefine(UUID uuid) {
        table.job(uuid, DomainJob.UNDEFINE, job -> {
            DomainRecord record = job.record();
            if (!record.persistent()) {
                throw invalid(DOMAIN, "cannot undefine transient domain");
            }
            if (record.active()) {
                job.commit(record.withConfig(Optional.empty()).withAutostart(false));
            } else {
                job.remove();
            }
            LOG.info("undefined domain '{}'", record.name());
            job.publish(DomainTable.lifecycle(record, DomainEvent.Undefined.REMOVED));
            return null;
        });
    }

    void setAutostart(UUID uuid, boolean autostart) {
        table.job(uuid, DomainJob.SET_AUTOSTART, job -> {
            if (!job.record().persistent()) {
                throw invalid(DOMAIN, "cannot set autostart for transient domain");
            }
            return job.commit(job.record().withAutostart(autostart));
        });
    }

    /** Applies an edit to the definitions {@code affect} names, CURRENT decided under the lock. */
    void edit(UUID uuid, Affect affect, UnaryOperator<DomainDefinition> edit) {
        table.job(uuid, DomainJob.SET_METADATA, job -> {
            DomainRecord record = job.record();
            boolean live = affect.live(record);
            boolean config = affect.config(record);
            if (live && !record.active()) {
                throw invalid(DOMAIN, "domain is not running");
            }
            if (config && !record.persistent()) {
                throw invalid(DOMAIN, "transient domains do not have any persistent config");
            }
            DomainRecord edited = record;
            if (live) {
                edited = edited.withLive(edit.apply(record.live().orElseThrow()), record.addresses());
            }
            if (config) {
                edited =
                        edited.withConfig(Optional.of(edit.apply(record.config().orElseThrow())));
            }
            return job.commit(edited);
        });
    }
}
