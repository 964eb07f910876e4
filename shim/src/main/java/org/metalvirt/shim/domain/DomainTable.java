package org.metalvirt.shim.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.domainxml.NodeLimits;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;
import org.metalvirt.shim.objects.ObjectJob;
import org.metalvirt.shim.objects.ObjectKind;
import org.metalvirt.shim.objects.ObjectTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domains, their nodes, and what every concern does with both: run a job on a domain, plan
 * a definition against its node, stop a domain. The registry, lifecycle, hot-plug, statistics
 * and reconciliation all go through it.
 */
final class DomainTable {

    private static final Logger LOG = LoggerFactory.getLogger(DomainTable.class);
    private static final ObjectKind DOMAINS = new ObjectKind("domain", ErrorDomain.DOMAIN, Failures::noDomain);

    private final NodePool nodes;
    private final DomainSettings settings;
    private final ObjectTable<DomainRecord, DomainEvent> objects;
    private final NetworkPorts networks;
    private final DiskVolumes volumes;
    private final EventSink events;
    private final DomainStore store;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final DomainConsoles consoles = new DomainConsoles();
    /** The plan each domain was powered up with, kept for its stop: a stop then neither resolves nor plans again. */
    private final Map<UUID, LivePlan> startedWith = new ConcurrentHashMap<>();

    private record LivePlan(DomainDefinition live, NodePlan plan) {}

    DomainTable(
            NodePool nodes,
            DomainStore store,
            DomainSettings settings,
            EventSink events,
            NetworkPorts networks,
            DiskVolumes volumes) {
        this.nodes = nodes;
        this.volumes = volumes;
        this.events = events;
        this.settings = settings;
        this.networks = networks;
        this.store = store;
        List<DomainRecord> saved = store.load(nodes.first());
        saved.forEach(record -> nextId.accumulateAndGet(record.id() + 1, Math::max));
        this.objects = new ObjectTable<>(
                DOMAINS,
                store,
                saved,
                events::publish,
                settings.lockTimeout(),
                DomainRecord::node,
                DomainRecord::active);
    }

    /** Where events no state change carries go (a disk's volume found failed). */
    EventSink events() {
        return events;
    }

    /** The body of a domain job. */
    @FunctionalInterface
    interface Body<T> extends ObjectTable.Body<DomainRecord, DomainEvent, T> {}

    /** Runs {@code body} as {@code job} on the domain; see {@link ObjectTable#job}. */
    <T> T job(UUID uuid, DomainJob job, Body<T> body) {
        return objects.job(uuid, job, body);
    }

    /** Runs {@code body} only if no job holds the domain now; see {@link ObjectTable#jobIfFree}. */
    <T> Optional<T> jobIfFree(UUID uuid, DomainJob job, Body<T> body) {
        return objects.jobIfFree(uuid, job, body);
    }

    /** A node's power changed without anybody here asking. */
    void outOfBand(String node, PowerState power) {
        events.outOfBand(node, power);
    }

    /** At the daemon's stop: the store writes out its journal. */
    void close() {
        objects.close();
    }

    DomainStore store() {
        return store;
    }

    ObjectTable<DomainRecord, DomainEvent> objects() {
        return objects;
    }

    DomainSettings settings() {
        return settings;
    }

    NodePool nodes() {
        return nodes;
    }

    DomainConsoles consoles() {
        return consoles;
    }

    NodeDriver node(String name) {
        return nodes.node(name);
    }

    /** A new runtime id: every power-on gets one never used before in this daemon's life. */
    int nextId() {
        return nextId.getAndIncrement();
    }

    Optional<DomainRecord> activeOn(String node) {
        return objects.markedInGroup(node).stream().filter(DomainRecord::active).findFirst();
    }

    /** The domains bound to a node, from the table's index: a poll of a rack asks this of every node. */
    List<DomainRecord> boundTo(String node) {
        return objects.inGroup(node);
    }

    /** Checks a definition against its node and says what the node does for it. */
    NodePlan plan(String nodeName, DomainDefinition definition) {
        NodeDriver node = nodes.node(nodeName);
        return DomainXml.plan(
                definition,
                node.inventory().read(),
                new NodeLimits(node.storage().capacity(), node.network().capacity()));
    }

    /**
     * The plan of a domain that runs or is starting: its volume disks resolved through their pools
     * ({@code strict}), or as far as they still resolve when the card is only to give them back.
     */
    NodePlan livePlan(String nodeName, DomainDefinition definition, boolean strict) {
        return plan(nodeName, volumes.resolve(definition, strict));
    }

    /** Keeps the plan {@code live} was powered up with until the domain stops. */
    void poweredUpWith(UUID uuid, DomainDefinition live, NodePlan plan) {
        startedWith.put(uuid, new LivePlan(live, plan));
    }

    /**
     * What the card gave a domain that stops: the plan it was powered up with while its live
     * definition is still that one (the same object), else planned again as far as it resolves.
     */
    private NodePlan stoppingPlan(DomainRecord record, DomainDefinition live) {
        LivePlan kept = startedWith.remove(record.uuid());
        return kept != null && kept.live() == live ? kept.plan() : livePlan(record.node(), live, false);
    }

    /**
     * Checks that every {@code <interface type='network'>} of {@code after} not in {@code before}
     * gets a free VF of its network, given the VFs the card has given the node's server now.
     */
    void checkNetworks(String nodeName, Optional<DomainDefinition> before, DomainDefinition after) {
        List<String> inUse = objects.markedInGroup(nodeName).stream()
                .filter(DomainRecord::active)
                .flatMap(record -> record.addresses().values().stream())
                .toList();
        NetworkVfs.check(networks, nodes.node(nodeName), before, after, inUse);
    }

    /** The domain becomes inactive: STOPPED with {@code detail}; a transient one is gone. */
    void stop(ObjectJob<DomainRecord, DomainEvent> job, DomainStatus reason, DomainEvent.Stopped detail) {
        DomainRecord record = job.record();
        // The server is off already: what the card cannot take back is logged, never a reason to
        // keep reporting a stopped server as running.
        record.live().ifPresent(live -> {
            try {
                CardDevices.detachAll(nodes.node(record.node()), stoppingPlan(record, live));
            } catch (VirtException e) {
                LOG.warn("domain '{}': cannot take back its devices: {}", record.name(), e.getMessage());
            }
        });
        if (record.persistent()) {
            job.commit(record.stopped(reason));
        } else {
            job.remove();
        }
        LOG.info("domain '{}' stopped: {}", record.name(), reason);
        job.publish(lifecycle(record, detail));
        // The server's serial line is silent now: its console client gets the end of the data.
        consoles.stopped(record.uuid());
    }

    static DomainEvent lifecycle(DomainRecord record, DomainEvent.Detail detail) {
        return new DomainEvent.Lifecycle(DomainRef.of(record), detail);
    }

    static DomainRecord requireActive(DomainRecord record) {
        if (!record.active()) {
            throw Failures.invalid(ErrorDomain.DOMAIN, "domain is not running");
        }
        return record;
    }

    static DomainRecord requireRunning(DomainRecord record) {
        requireActive(record);
        if (record.status().state() != DomainState.RUNNING) {
            throw Failures.invalid(
                    ErrorDomain.DOMAIN,
                    "domain is not running (it is "
                            + record.status().state().name().toLowerCase() + ")");
        }
        return record;
    }
}
