package org.metalvirt.shim.domain;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.domainxml.NodeLimits;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domains and the few moves every change is made of, shared by the service, device changes
 * and reconciliation: find a domain, take its lock, save then publish a new record, stop it,
 * tell the event sink. Every change is saved before it is seen.
 */
final class DomainTable {

    private static final Logger LOG = LoggerFactory.getLogger(DomainTable.class);

    final NodePool nodes;
    final DomainSettings settings;
    final EventSink events;
    private final DomainStore store;
    private final Map<UUID, ManagedDomain> domains = new ConcurrentHashMap<>();
    /** Guards name and UUID uniqueness while domains come and go. */
    final Object registry = new Object();
    private final AtomicInteger nextId = new AtomicInteger(1);

    DomainTable(NodePool nodes, DomainStore store, DomainSettings settings, EventSink events) {
        this.nodes = nodes;
        this.store = store;
        this.settings = settings;
        this.events = events;
        for (DomainRecord record : store.load(nodes.first())) {
            domains.put(record.uuid(), new ManagedDomain(record));
            nextId.accumulateAndGet(record.id() + 1, Math::max);
        }
    }

    Collection<ManagedDomain> all() {
        return domains.values();
    }

    /** Saves a new domain and makes it visible. Called holding {@link #registry}. */
    ManagedDomain add(DomainRecord record) {
        store.save(record);
        ManagedDomain domain = new ManagedDomain(record);
        domains.put(record.uuid(), domain);
        return domain;
    }

    /** Makes a domain visible that is not saved yet: a transient one about to start. */
    ManagedDomain addUnsaved(DomainRecord record) {
        ManagedDomain domain = new ManagedDomain(record);
        domains.put(record.uuid(), domain);
        return domain;
    }

    /** A new runtime id: every power-on gets one never used before in this daemon's life. */
    int nextId() {
        return nextId.getAndIncrement();
    }

    DomainRecord change(UUID uuid, String operation, UnaryOperator<DomainRecord> update) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock(operation, settings.lockTimeout())) {
            return commit(domain, update.apply(current(domain)));
        }
    }

    /** Saves, then publishes: nobody sees a state that a crash could lose. */
    DomainRecord commit(ManagedDomain domain, DomainRecord record) {
        store.save(record);
        domain.set(record);
        return record;
    }

    /** The domain becomes inactive: STOPPED with {@code detail}; a transient one is gone. */
    void stop(ManagedDomain domain, DomainRecord record, Lifecycle reason, DomainEvent.Stopped detail) {
        // The server is off already: what the card cannot take back is logged, never a reason to
        // keep reporting a stopped server as running.
        record.live().ifPresent(live -> {
            try {
                CardDevices.detachAll(nodes.node(record.node()), plan(record.node(), live));
            } catch (VirtException e) {
                LOG.warn("domain '{}': cannot take back its devices: {}", record.name(), e.getMessage());
            }
        });
        if (record.persistent()) {
            commit(domain, record.stopped(reason));
        } else {
            remove(domain);
        }
        LOG.info("domain '{}' stopped: {}", record.name(), reason);
        lifecycle(record, detail);
    }

    void lifecycle(DomainRecord record, DomainEvent.Detail detail) {
        events.publish(new DomainEvent.Lifecycle(DomainRef.of(record), detail));
    }

    void remove(ManagedDomain domain) {
        synchronized (registry) {
            store.delete(domain.record().uuid());
            domain.markRemoved();
            domains.remove(domain.record().uuid());
        }
    }

    Optional<ManagedDomain> existing(DomainDefinition definition) {
        ManagedDomain byUuid = domains.get(definition.uuid());
        if (byUuid != null) {
            if (!byUuid.record().name().equals(definition.name())) {
                throw failed("domain '" + byUuid.record().name() + "' is already defined with uuid " + definition.uuid());
            }
            return Optional.of(byUuid);
        }
        domains.values().stream().map(ManagedDomain::record).filter(r -> r.name().equals(definition.name()))
                .findFirst().ifPresent(other -> {
                    throw failed("domain '" + other.name() + "' already exists with uuid " + other.uuid());
                });
        return Optional.empty();
    }

    Optional<DomainRecord> activeOn(String node) {
        return domains.values().stream().map(ManagedDomain::record)
                .filter(record -> record.node().equals(node) && record.active()).findFirst();
    }

    ManagedDomain managed(UUID uuid) {
        ManagedDomain domain = domains.get(uuid);
        if (domain == null) {
            throw noDomain("no domain with matching uuid '" + uuid + "'");
        }
        return domain;
    }

    /** The record once the lock is held: the domain may have gone while we waited. */
    static DomainRecord current(ManagedDomain domain) {
        if (domain.removed()) {
            throw noDomain("no domain with matching uuid '" + domain.record().uuid() + "'");
        }
        return domain.record();
    }

    static DomainRecord requireActive(DomainRecord record) {
        if (!record.active()) {
            throw invalid("domain is not running");
        }
        return record;
    }

    static DomainRecord requireRunning(DomainRecord record) {
        requireActive(record);
        if (record.lifecycle().state() != DomainState.RUNNING) {
            throw invalid("domain is not running (it is " + record.lifecycle().state().name().toLowerCase() + ")");
        }
        return record;
    }

    static VirtException noDomain(String detail) {
        return new VirtException(ErrorNumber.NO_DOMAIN, ErrorDomain.DOMAIN, "Domain not found: " + detail);
    }

    static VirtException invalid(String detail) {
        return new VirtException(ErrorNumber.OPERATION_INVALID, ErrorDomain.DOMAIN,
                "Requested operation is not valid: " + detail);
    }

    static VirtException failed(String detail) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.DOMAIN, "operation failed: " + detail);
    }

    static void setBootOrder(NodeDriver node, NodePlan plan) {
        try {
            node.boot().setBootOrder(plan.bootOrder());
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_SUPPORT) {
                throw e;
            }
            LOG.debug("node {} cannot set a boot order; the server boots from its own", node.name());
        }
    }

    /** Checks a definition against its node and says what the node does for it. */
    NodePlan plan(String nodeName, DomainDefinition definition) {
        NodeDriver node = nodes.node(nodeName);
        return DomainXml.plan(definition, node.inventory().read(),
                new NodeLimits(node.storage().capacity(), node.network().capacity()));
    }
}
