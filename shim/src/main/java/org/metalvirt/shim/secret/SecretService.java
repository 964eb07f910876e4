package org.metalvirt.shim.secret;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.objects.JobName;
import org.metalvirt.shim.objects.ObjectKind;
import org.metalvirt.shim.objects.ObjectTable;

/**
 * libvirt's secret driver: secrets defined from XML, found by UUID or by usage, their values set
 * and read, undefined; persistent ones kept in the state directory, ephemeral ones in memory only.
 * As libvirt's, it never gives a private secret's value to a client, while the card's disks read
 * any secret's value through {@link #valueFor}.
 */
public final class SecretService {

    /** The jobs a secret's state lock names. */
    private enum Job implements JobName {
        DEFINE,
        SET_VALUE,
        UNDEFINE;

        @Override
        public String holder() {
            return "secret " + name().toLowerCase().replace('_', ' ');
        }
    }

    static final ObjectKind KIND = new ObjectKind("secret", ErrorDomain.SECRET, SecretService::notFound);

    private final ObjectTable<SecretRecord, SecretEvent> table;
    private final Consumer<SecretEvent> events;

    private SecretService(ObjectTable<SecretRecord, SecretEvent> table, Consumer<SecretEvent> events) {
        this.table = table;
        this.events = events;
    }

    /** The secrets saved under {@code stateDir}; {@code events} receives what happens to them, in order. */
    public static SecretService open(Path stateDir, Duration lockTimeout, Consumer<SecretEvent> events) {
        SecretStore store = new SecretStore(stateDir);
        return new SecretService(new ObjectTable<>(KIND, store, store.load(), events, lockTimeout), events);
    }

    /** Defines a secret, or redefines the one with its UUID (its value kept), as virSecretDefineXML. */
    public SecretDefinition define(String xml) {
        SecretDefinition wanted = SecretXml.parse(xml);
        Optional<SecretRecord> existing = table.exclusively(() -> {
            Optional<SecretRecord> same = table.find(record -> record.uuid().equals(wanted.uuid()));
            if (same.isEmpty()) {
                byUsageIfAny(wanted.usage(), wanted.usageId()).ifPresent(other -> {
                    throw SecretXml.internal(
                            "a secret with UUID " + other.uuid() + " already defined for use with " + wanted.usageId());
                });
                table.add(new SecretRecord(wanted, Optional.empty()), false);
            }
            return same;
        });
        if (existing.isEmpty()) {
            events.accept(SecretEvent.lifecycle(SecretEvent.Lifecycle.DEFINED, wanted));
            return wanted;
        }
        return table.job(wanted.uuid(), Job.DEFINE, job -> {
            SecretDefinition old = job.record().definition();
            if (!old.usageId().equals(wanted.usageId())) {
                throw SecretXml.internal(
                        "a secret with UUID " + wanted.uuid() + " is already defined for use with " + old.usageId());
            }
            if (old.isPrivate() && !wanted.isPrivate()) {
                throw SecretXml.internal("cannot change private flag on existing secret");
            }
            job.commit(job.record().withDefinition(wanted));
            job.publish(SecretEvent.lifecycle(SecretEvent.Lifecycle.DEFINED, wanted));
            return wanted;
        });
    }

    public SecretDefinition lookup(UUID uuid) {
        return table.get(uuid).definition();
    }

    /** The secret for this usage; "no secret with matching usage" when none is, as libvirt says it. */
    public SecretDefinition lookupByUsage(int usageType, String usageId) {
        return SecretUsage.ofCode(usageType)
                .flatMap(usage -> byUsageIfAny(usage, usageId))
                .map(SecretRecord::definition)
                .orElseThrow(() -> notFound("no secret with matching usage '" + usageId + "'"));
    }

    /** Every secret, in UUID order. */
    public List<SecretDefinition> list() {
        return table.all().stream()
                .map(SecretRecord::definition)
                .sorted(Comparator.comparing(SecretDefinition::uuid))
                .toList();
    }

    public String xml(UUID uuid) {
        return SecretXml.format(lookup(uuid));
    }

    public void setValue(UUID uuid, byte[] value) {
        table.job(uuid, Job.SET_VALUE, job -> {
            SecretRecord record = job.commit(job.record().withValue(value));
            job.publish(SecretEvent.valueChanged(record.definition()));
            return null;
        });
    }

    /** The value for a client: a private secret's is refused, as libvirtd refuses it to every remote caller. */
    public byte[] value(UUID uuid) {
        SecretRecord record = table.get(uuid);
        if (record.definition().isPrivate()) {
            throw new VirtException(
                    ErrorNumber.INVALID_SECRET, ErrorDomain.SECRET, "Invalid secret: secret is private");
        }
        return valueOf(record);
    }

    public void undefine(UUID uuid) {
        table.job(uuid, Job.UNDEFINE, job -> {
            SecretDefinition gone = job.record().definition();
            job.remove();
            job.publish(SecretEvent.lifecycle(SecretEvent.Lifecycle.UNDEFINED, gone));
            return null;
        });
    }

    /**
     * The value a disk's {@code <auth>} names, for the card only: private secrets included, as
     * libvirt's own drivers read them; a secret of another usage type is refused as QEMU's driver
     * refuses it.
     */
    public byte[] valueFor(SecretUsage expected, Optional<UUID> uuid, Optional<String> usageId) {
        SecretRecord record = uuid.map(table::get)
                .orElseGet(() -> byUsageIfAny(expected, usageId.orElse(""))
                        .orElseThrow(() -> notFound("no secret with matching usage '" + usageId.orElse("") + "'")));
        SecretUsage actual = record.definition().usage();
        if (actual != SecretUsage.NONE && actual != expected) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.SECRET,
                    "invalid argument: secret with uuid " + record.uuid() + " is of type '" + actual.type()
                            + "' not expected '" + expected.type() + "' type");
        }
        return valueOf(record);
    }

    private static byte[] valueOf(SecretRecord record) {
        return record.value()
                .orElseThrow(() -> notFound("secret '" + record.uuid() + "' does not have a value"))
                .clone();
    }

    /** libvirt's usage search: a usage of type none matches no secret. */
    private Optional<SecretRecord> byUsageIfAny(SecretUsage usage, String usageId) {
        if (usage == SecretUsage.NONE) {
            return Optional.empty();
        }
        return table.find(record -> record.definition().usage() == usage
                && record.definition().usageId().equals(usageId));
    }

    private static VirtException notFound(String detail) {
        return new VirtException(ErrorNumber.NO_SECRET, ErrorDomain.SECRET, "Secret not found: " + detail);
    }

    /** At the daemon's stop: every change is durable already; the store writes its journal out. */
    public void close() {
        table.close();
    }
}
