package org.metalvirt.shim.domain;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DeviceXml;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.domainxml.LiveXml;
import org.metalvirt.domainxml.NodeLimits;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DeviceCounters;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domains of this daemon: their registry, lifecycle and persistence. Every state comes
 * from what the hardware confirms; every change is saved before it is seen; one change per
 * domain runs at a time. Power changes nobody here asked for (a button pressed, the OS
 * shutting itself down) arrive from the node and are reconciled the same way.
 */
public final class DomainService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DomainService.class);

    private final NodePool nodes;
    private final DomainStore store;
    private final DomainSettings settings;
    private final EventSink events;
    private final Map<UUID, ManagedDomain> domains = new ConcurrentHashMap<>();
    private final Object registry = new Object();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final PowerWaits powerWaits = new PowerWaits();
    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "metalvirt-reconcile");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metalvirt-poll");
        thread.setDaemon(true);
        return thread;
    });

    private DomainService(NodePool nodes, DomainStore store, DomainSettings settings, EventSink events) {
        this.nodes = nodes;
        this.store = store;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Loads the domains saved under {@code stateDir}, reconciles them with what each node
     * reports, starts watching the nodes, and powers on the autostart domains.
     */
    public static DomainService open(NodePool nodes, Path stateDir, DomainSettings settings, EventSink events) {
        DomainService service = new DomainService(nodes, new DomainStore(stateDir), settings, events);
        for (DomainRecord record : service.store.load(nodes.first())) {
            service.domains.put(record.uuid(), new ManagedDomain(record));
            service.nextId.accumulateAndGet(record.id() + 1, Math::max);
        }
        for (NodeDriver node : nodes.all()) {
            service.reconcile(node.name());
            node.power().watch(state -> {
                service.powerWaits.reported(node.name(), state);
                service.background.execute(() -> service.reconcileQuietly(node.name()));
            });
        }
        service.autostart();
        // Edges are reported as they happen where the hardware gives them; polling catches the rest.
        long poll = settings.pollInterval().toMillis();
        service.poller.scheduleWithFixedDelay(() -> nodes.all().forEach(node -> service.reconcileQuietly(node.name())),
                poll, poll, TimeUnit.MILLISECONDS);
        return service;
    }

    // ---- lookups -------------------------------------------------------------------------

    public List<DomainRecord> list() {
        return domains.values().stream().map(ManagedDomain::record)
                .sorted(Comparator.comparing(DomainRecord::name)).toList();
    }

    public DomainRecord lookup(UUID uuid) {
        return managed(uuid).record();
    }

    public DomainRecord lookupByName(String name) {
        return domains.values().stream().map(ManagedDomain::record).filter(record -> record.name().equals(name))
                .findFirst().orElseThrow(() -> noDomain("no domain with matching name '" + name + "'"));
    }

    public DomainRecord lookupById(int id) {
        return domains.values().stream().map(ManagedDomain::record)
                .filter(record -> record.active() && record.id() == id)
                .findFirst().orElseThrow(() -> noDomain("no domain with matching id " + id));
    }

    /** Whether a domain is active on the node: its memory is then all in use. */
    public boolean nodeInUse(String node) {
        return activeOn(node).isPresent();
    }

    /** Milliseconds the state change in progress on the domain has been running; 0 when none is. */
    public long jobMillis(UUID uuid) {
        return managed(uuid).jobMillis();
    }

    // ---- statistics ----------------------------------------------------------------------

    public DeviceCounters.Block blockStats(UUID uuid, String path) {
        DomainRecord record = lookup(uuid);
        return DeviceStats.block(nodes.node(record.node()), record, path);
    }

    public DeviceCounters.Size blockSize(UUID uuid, String path) {
        DomainRecord record = lookup(uuid);
        return DeviceStats.size(nodes.node(record.node()), record, path);
    }

    public DeviceCounters.Interface interfaceStats(UUID uuid, String device) {
        DomainRecord record = lookup(uuid);
        return DeviceStats.network(nodes.node(record.node()), record, device);
    }

    // ---- definition ----------------------------------------------------------------------

    /** Defines a domain, or redefines one with the same name and UUID (its persistent definition only). */
    public DomainRecord define(String xml) {
        DomainDefinition definition = DomainXml.parse(xml);
        synchronized (registry) {
            Optional<ManagedDomain> existing = existing(definition);
            if (existing.isEmpty()) {
                String node = nodes.bind(definition, domains.values().stream().map(ManagedDomain::record).toList());
                plan(node, definition);
                DomainRecord record = DomainRecord.inactive(definition, true, node);
                store.save(record);
                domains.put(record.uuid(), new ManagedDomain(record));
                LOG.info("defined domain '{}' ({}) on node {}", record.name(), record.uuid(), node);
                lifecycle(record, DomainEvent.Lifecycle.DEFINED, DomainEvent.Lifecycle.FIRST_DETAIL);
                return record;
            }
        }
        DomainRecord updated = change(definition.uuid(), "DOMAIN_DEFINE_XML", record -> {
            plan(record.node(), definition);
            return record.withConfig(Optional.of(definition));
        });
        lifecycle(updated, DomainEvent.Lifecycle.DEFINED, DomainEvent.Lifecycle.SECOND_DETAIL);
        return updated;
    }

    /** Removes the persistent definition: an inactive domain is gone, an active one becomes transient. */
    public void undefine(UUID uuid) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_UNDEFINE", settings.lockTimeout())) {
            DomainRecord record = current(domain);
            if (!record.persistent()) {
                throw invalid("cannot undefine transient domain");
            }
            if (record.active()) {
                commit(domain, record.withConfig(Optional.empty()).withAutostart(false));
            } else {
                remove(domain);
            }
            LOG.info("undefined domain '{}'", record.name());
            lifecycle(record, DomainEvent.Lifecycle.UNDEFINED, DomainEvent.Lifecycle.FIRST_DETAIL);
        }
    }

    public void setAutostart(UUID uuid, boolean autostart) {
        change(uuid, "DOMAIN_SET_AUTOSTART", record -> {
            if (!record.persistent()) {
                throw invalid("cannot set autostart for transient domain");
            }
            return record.withAutostart(autostart);
        });
    }

    /** Applies an edit to the persistent definition ({@code config}) and/or the live one ({@code live}). */
    public void edit(UUID uuid, boolean live, boolean config, UnaryOperator<DomainDefinition> edit) {
        change(uuid, "DOMAIN_SET_METADATA", record -> {
            if (live && !record.active()) {
                throw invalid("domain is not running");
            }
            if (config && !record.persistent()) {
                throw invalid("transient domains do not have any persistent config");
            }
            DomainRecord edited = record;
            if (live) {
                edited = edited.withLive(edit.apply(record.live().orElseThrow()), record.addresses());
            }
            if (config) {
                edited = edited.withConfig(Optional.of(edit.apply(record.config().orElseThrow())));
            }
            return edited;
        });
    }

    // ---- devices -------------------------------------------------------------------------

    /**
     * Adds a disk, interface or host device: to the running server ({@code live}: the card
     * attaches it, then DEVICE_ADDED), to the persistent definition ({@code config}), or both.
     * Everything is checked before the hardware is touched; a hardware failure changes nothing.
     */
    public void attachDevice(UUID uuid, String xml, boolean live, boolean config) {
        changeDevices(uuid, "DOMAIN_ATTACH_DEVICE", live, config, definition -> DeviceXml.attach(definition, xml));
    }

    /** Replaces a device, matched as detach matches it; the card reprograms it if it changed. */
    public void updateDevice(UUID uuid, String xml, boolean live, boolean config) {
        changeDevices(uuid, "DOMAIN_UPDATE_DEVICE", live, config,
                definition -> DeviceXml.attach(DeviceXml.detach(definition, xml), xml));
    }

    /** Removes a device, matched as libvirt matches it; a live removal ends with DEVICE_REMOVED. */
    public void detachDevice(UUID uuid, String xml, boolean live, boolean config) {
        changeDevices(uuid, "DOMAIN_DETACH_DEVICE", live, config, definition -> DeviceXml.detach(definition, xml));
    }

    /** Removes the device with this alias: a user alias, or one the live XML shows ({@code net0}). */
    public void detachAlias(UUID uuid, String alias, boolean live, boolean config) {
        changeDevices(uuid, "DOMAIN_DETACH_DEVICE_ALIAS", live, config, definition -> LiveXml.withoutAlias(definition,
                alias));
    }

    private void changeDevices(UUID uuid, String operation, boolean live, boolean config,
                               UnaryOperator<DomainDefinition> edit) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock(operation, settings.lockTimeout())) {
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
            newConfig.ifPresent(definition -> plan(record.node(), definition));
            DomainRecord updated = newConfig.map(definition -> record.withConfig(Optional.of(definition))).orElse(record);
            if (live) {
                updated = changeLiveDevices(record, updated, edit.apply(record.live().orElseThrow()));
            }
            commit(domain, updated);
        }
    }

    /** The card moves to the new live definition's devices; events name each device by its live alias. */
    private DomainRecord changeLiveDevices(DomainRecord record, DomainRecord updated, DomainDefinition newLive) {
        DomainDefinition oldLive = record.live().orElseThrow();
        NodeDriver node = nodes.node(record.node());
        NodePlan before = plan(record.node(), oldLive);
        NodePlan after = plan(record.node(), newLive);
        Map<String, String> oldAliases = LiveXml.aliases(oldLive);
        Map<String, String> newAliases = LiveXml.aliases(newLive);
        Map<String, String> addresses;
        try {
            addresses = CardDevices.apply(node, before, after, record.addresses());
        } catch (VirtException e) {
            oldAliases.forEach((id, alias) -> {
                if (!newAliases.containsKey(id)) {
                    events.publish(new DomainEvent.DeviceRemovalFailed(DomainRef.of(record), alias));
                }
            });
            throw e;
        }
        DomainRef ref = DomainRef.of(record);
        oldAliases.forEach((id, alias) -> {
            if (!newAliases.containsKey(id)) {
                events.publish(new DomainEvent.DeviceRemoved(ref, alias));
            }
        });
        newAliases.forEach((id, alias) -> {
            if (!oldAliases.containsKey(id)) {
                events.publish(new DomainEvent.DeviceAdded(ref, alias));
            }
        });
        return updated.withLive(newLive, addresses);
    }

    // ---- lifecycle -----------------------------------------------------------------------

    /**
     * Starts a defined domain: the server is prepared and, unless {@code paused}, powered on;
     * returns once the hardware confirms it. A paused start is how Nova boots: it resumes later.
     */
    public DomainRecord start(UUID uuid, boolean paused) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_CREATE", settings.lockTimeout())) {
            DomainRecord record = current(domain);
            if (record.active()) {
                throw invalid("domain is already running");
            }
            return powerUp(domain, record, record.inactiveDefinition(), paused);
        }
    }

    /** Starts a domain from XML without defining it (CloudStack's way), or a defined inactive one with that XML. */
    public DomainRecord createTransient(String xml, boolean paused) {
        DomainDefinition definition = DomainXml.parse(xml);
        ManagedDomain domain;
        synchronized (registry) {
            domain = existing(definition).orElse(null);
            if (domain == null) {
                String node = nodes.bind(definition, domains.values().stream().map(ManagedDomain::record).toList());
                domain = new ManagedDomain(DomainRecord.inactive(definition, false, node));
                domains.put(definition.uuid(), domain);
            }
        }
        try (StateLock.Held held = domain.lock("DOMAIN_CREATE_XML", settings.lockTimeout())) {
            DomainRecord record = current(domain);
            if (record.active()) {
                throw invalid("domain '" + record.name() + "' is already active");
            }
            try {
                return powerUp(domain, record, definition, paused);
            } catch (RuntimeException e) {
                if (!domain.record().persistent()) {
                    remove(domain);
                }
                throw e;
            }
        }
    }

    /**
     * Prepares the server — boot order, then the card's disks and VFs — and, unless
     * {@code paused}, powers it on. A failure takes back what was prepared.
     */
    private DomainRecord powerUp(ManagedDomain domain, DomainRecord record, DomainDefinition definition, boolean paused) {
        activeOn(record.node()).filter(other -> !other.uuid().equals(record.uuid())).ifPresent(other -> {
            throw invalid("node '" + record.node() + "' is in use by domain '" + other.name() + "'");
        });
        NodeDriver node = nodes.node(record.node());
        NodePlan plan = plan(record.node(), definition);
        setBootOrder(node, plan);
        Map<String, String> addresses = CardDevices.attachAll(node, plan);
        int id = nextId.getAndIncrement();
        if (paused) {
            DomainRecord prepared = commit(domain, record.started(id, definition, Lifecycle.PAUSED_USER, addresses));
            lifecycle(prepared, DomainEvent.Lifecycle.STARTED, DomainEvent.Lifecycle.FIRST_DETAIL);
            lifecycle(prepared, DomainEvent.Lifecycle.SUSPENDED, DomainEvent.Lifecycle.FIRST_DETAIL);
            return prepared;
        }
        try {
            node.power().powerOn();
        } catch (VirtException e) {
            CardDevices.detachAll(node, plan);
            throw e;
        }
        DomainRecord started = commit(domain, record.started(id, definition, Lifecycle.RUNNING_BOOTED, addresses));
        LOG.info("started domain '{}' with id {} on node {}", started.name(), id, node.name());
        lifecycle(started, DomainEvent.Lifecycle.STARTED, DomainEvent.Lifecycle.FIRST_DETAIL);
        return started;
    }

    private static void setBootOrder(NodeDriver node, NodePlan plan) {
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
    private NodePlan plan(String nodeName, DomainDefinition definition) {
        NodeDriver node = nodes.node(nodeName);
        return DomainXml.plan(definition, node.inventory().read(),
                new NodeLimits(node.storage().capacity(), node.network().capacity()));
    }

    /** Powers on a domain started paused; a running one is left as it is. */
    public void resume(UUID uuid) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_RESUME", settings.lockTimeout())) {
            DomainRecord record = requireActive(current(domain));
            if (record.lifecycle().state() != DomainState.PAUSED) {
                return;
            }
            nodes.node(record.node()).power().powerOn();
            lifecycle(commit(domain, record.in(Lifecycle.RUNNING_UNPAUSED)), DomainEvent.Lifecycle.RESUMED,
                    DomainEvent.Lifecycle.FIRST_DETAIL);
        }
    }

    /** A server cannot be frozen once powered; a domain not yet powered already is paused. */
    public void suspend(UUID uuid) {
        DomainRecord record = requireActive(lookup(uuid));
        if (record.lifecycle().state() != DomainState.PAUSED) {
            throw new VirtException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "Operation not supported: a powered-on bare-metal server cannot be paused");
        }
    }

    /** Forces power off, confirmed. */
    public void destroy(UUID uuid) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_DESTROY", settings.lockTimeout())) {
            DomainRecord record = requireActive(current(domain));
            nodes.node(record.node()).power().powerOff();
            stop(domain, record, Lifecycle.SHUTOFF_DESTROYED, DomainEvent.Lifecycle.SECOND_DETAIL);
        }
    }

    /** Presses the power button (ACPI); the domain is "in shutdown" until the server goes off. */
    public void shutdown(UUID uuid) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_SHUTDOWN", settings.lockTimeout())) {
            DomainRecord record = requireActive(current(domain));
            if (record.lifecycle().state() == DomainState.PAUSED) {
                stop(domain, record, Lifecycle.SHUTOFF_SHUTDOWN, DomainEvent.Lifecycle.FIRST_DETAIL);
                return;
            }
            nodes.node(record.node()).power().requestShutdown();
            commit(domain, record.in(Lifecycle.SHUTDOWN_USER));
        }
        // The OS may already be done: don't wait for the next event to notice.
        background.execute(() -> reconcileQuietly(lookup(uuid).node()));
    }

    /** Graceful off, then on; returns when the server is back on. The id stays: the domain never stopped. */
    public void reboot(UUID uuid) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_REBOOT", settings.lockTimeout())) {
            DomainRecord record = requireRunning(current(domain));
            NodeDriver node = nodes.node(record.node());
            PowerWaits.Wait off = powerWaits.arm(node.name(), PowerState.OFF);
            node.power().requestShutdown();
            if (!off.await(settings.shutdownTimeout(), node.power()::state)) {
                throw new VirtException(ErrorNumber.OPERATION_TIMEOUT, ErrorDomain.DOMAIN,
                        "Timed out during operation: the server of domain '" + record.name()
                                + "' did not shut down within " + settings.shutdownTimeout().toSeconds() + " s");
            }
            node.power().powerOn();
            events.publish(new DomainEvent.Reboot(DomainRef.of(commit(domain, record.in(Lifecycle.RUNNING_BOOTED)))));
        }
    }

    /** Pulses the reset line: the server restarts at once, power staying on. */
    public void reset(UUID uuid) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_RESET", settings.lockTimeout())) {
            DomainRecord record = requireRunning(current(domain));
            nodes.node(record.node()).power().reset();
        }
    }

    // ---- reconciliation ------------------------------------------------------------------

    /**
     * Brings the domains of a node in line with its confirmed power: an active domain whose
     * server went off is shut off; a server found on with no active domain gives its only domain
     * a fresh id; an unreadable state is reported as no state, never as off.
     */
    void reconcile(String nodeName) {
        Optional<ManagedDomain> candidate = activeOn(nodeName).map(record -> domains.get(record.uuid()))
                .or(() -> onlyDomainOf(nodeName));
        if (candidate.isEmpty()) {
            return;
        }
        ManagedDomain domain = candidate.get();
        try (StateLock.Held held = domain.lock("reconcile", settings.lockTimeout())) {
            // Read under the lock: an operation that held it has changed the power since.
            PowerState power = confirmedPower(nodes.node(nodeName));
            DomainRecord record = current(domain);
            if (!record.active()) {
                if (power == PowerState.ON && activeOn(nodeName).isEmpty()) {
                    int id = nextId.getAndIncrement();
                    LOG.info("domain '{}': node {} was powered on out of band; id {}", record.name(), nodeName, id);
                    DomainDefinition definition = record.inactiveDefinition();
                    Map<String, String> addresses = CardDevices.attachAll(nodes.node(nodeName), plan(nodeName, definition));
                    lifecycle(commit(domain, record.started(id, definition, Lifecycle.RUNNING_UNKNOWN, addresses)),
                            DomainEvent.Lifecycle.STARTED, DomainEvent.Lifecycle.FIRST_DETAIL);
                }
                return;
            }
            boolean prepared = record.lifecycle().state() == DomainState.PAUSED;
            switch (power) {
                case OFF -> {
                    if (!prepared) {
                        LOG.info("domain '{}': node {} is off", record.name(), nodeName);
                        // Asked to shut down: it finished; otherwise the OS (or someone at the server) did it.
                        boolean asked = record.lifecycle().equals(Lifecycle.SHUTDOWN_USER);
                        lifecycle(record, DomainEvent.Lifecycle.SHUTDOWN,
                                asked ? DomainEvent.Lifecycle.FIRST_DETAIL : DomainEvent.Lifecycle.SECOND_DETAIL);
                        stop(domain, record, Lifecycle.SHUTOFF_SHUTDOWN, DomainEvent.Lifecycle.FIRST_DETAIL);
                    }
                }
                case ON -> {
                    if (prepared) {
                        lifecycle(commit(domain, record.in(Lifecycle.RUNNING_UNKNOWN)), DomainEvent.Lifecycle.RESUMED,
                                DomainEvent.Lifecycle.FIRST_DETAIL);
                    } else if (record.lifecycle().equals(Lifecycle.NOSTATE)) {
                        commit(domain, record.in(Lifecycle.RUNNING_UNKNOWN));
                    }
                }
                case UNKNOWN -> commit(domain, record.in(Lifecycle.NOSTATE));
            }
        }
    }

    /** A node without power control is as good as off: nothing can have turned it on. */
    private static PowerState confirmedPower(NodeDriver node) {
        try {
            return node.power().state();
        } catch (VirtException e) {
            return e.number() == ErrorNumber.NO_SUPPORT ? PowerState.OFF : PowerState.UNKNOWN;
        }
    }

    /** The one domain bound to a node, which a server found on must be running. */
    private Optional<ManagedDomain> onlyDomainOf(String nodeName) {
        List<ManagedDomain> bound = domains.values().stream()
                .filter(domain -> domain.record().node().equals(nodeName)).toList();
        if (bound.size() > 1 && confirmedPower(nodes.node(nodeName)) == PowerState.ON) {
            LOG.warn("node {} is powered on, but {} domains are bound to it and none is active", nodeName, bound.size());
        }
        return bound.size() == 1 ? Optional.of(bound.get(0)) : Optional.empty();
    }

    private void reconcileQuietly(String nodeName) {
        try {
            reconcile(nodeName);
        } catch (VirtException e) {
            if (e.number() == ErrorNumber.NO_DOMAIN) {
                LOG.debug("node {}: its domain went away while reconciling", nodeName);
            } else {
                LOG.warn("cannot reconcile node {}: {}", nodeName, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot reconcile node {}", nodeName, e);
        }
    }

    private void autostart() {
        for (ManagedDomain domain : domains.values()) {
            DomainRecord record = domain.record();
            if (record.autostart() && !record.active() && !nodeInUse(record.node())) {
                background.execute(() -> {
                    try {
                        start(record.uuid(), false);
                    } catch (VirtException e) {
                        LOG.error("cannot autostart domain '{}': {}", record.name(), e.getMessage());
                    }
                });
            }
        }
    }

    // ---- plumbing ------------------------------------------------------------------------

    private DomainRecord change(UUID uuid, String operation, UnaryOperator<DomainRecord> update) {
        ManagedDomain domain = managed(uuid);
        try (StateLock.Held held = domain.lock(operation, settings.lockTimeout())) {
            return commit(domain, update.apply(current(domain)));
        }
    }

    /** Saves, then publishes: nobody sees a state that a crash could lose. */
    private DomainRecord commit(ManagedDomain domain, DomainRecord record) {
        store.save(record);
        domain.set(record);
        return record;
    }

    /** The domain becomes inactive: STOPPED with {@code detail}; a transient one is gone. */
    private void stop(ManagedDomain domain, DomainRecord record, Lifecycle reason, int detail) {
        record.live().ifPresent(live -> CardDevices.detachAll(nodes.node(record.node()), plan(record.node(), live)));
        if (record.persistent()) {
            commit(domain, record.stopped(reason));
        } else {
            remove(domain);
        }
        LOG.info("domain '{}' stopped ({})", record.name(), reason);
        lifecycle(record, DomainEvent.Lifecycle.STOPPED, detail);
    }

    private void lifecycle(DomainRecord record, int event, int detail) {
        events.publish(new DomainEvent.Lifecycle(DomainRef.of(record), event, detail));
    }

    private void remove(ManagedDomain domain) {
        synchronized (registry) {
            store.delete(domain.record().uuid());
            domain.markRemoved();
            domains.remove(domain.record().uuid());
        }
    }

    private Optional<ManagedDomain> existing(DomainDefinition definition) {
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

    private Optional<DomainRecord> activeOn(String node) {
        return domains.values().stream().map(ManagedDomain::record)
                .filter(record -> record.node().equals(node) && record.active()).findFirst();
    }

    private ManagedDomain managed(UUID uuid) {
        ManagedDomain domain = domains.get(uuid);
        if (domain == null) {
            throw noDomain("no domain with matching uuid '" + uuid + "'");
        }
        return domain;
    }

    /** The record once the lock is held: the domain may have gone while we waited. */
    private static DomainRecord current(ManagedDomain domain) {
        if (domain.removed()) {
            throw noDomain("no domain with matching uuid '" + domain.record().uuid() + "'");
        }
        return domain.record();
    }

    private static DomainRecord requireActive(DomainRecord record) {
        if (!record.active()) {
            throw invalid("domain is not running");
        }
        return record;
    }

    private static DomainRecord requireRunning(DomainRecord record) {
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

    private static VirtException failed(String detail) {
        return new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.DOMAIN, "operation failed: " + detail);
    }

    /** The XML of a domain as {@code virDomainGetXMLDesc} returns it: live while active, unless asked otherwise. */
    public static String xml(DomainRecord record, boolean inactive) {
        if (inactive || !record.active()) {
            return record.inactiveDefinition().xml();
        }
        return LiveXml.format(record.definition(), record.id(), record.addresses());
    }

    @Override
    public void close() {
        poller.shutdownNow();
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
