package org.metalvirt.shim.domain;

import static org.metalvirt.shim.domain.DomainTable.current;
import static org.metalvirt.shim.domain.DomainTable.failed;
import static org.metalvirt.shim.domain.DomainTable.invalid;
import static org.metalvirt.shim.domain.DomainTable.noDomain;
import static org.metalvirt.shim.domain.DomainTable.requireActive;
import static org.metalvirt.shim.domain.DomainTable.requireRunning;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.domainxml.LiveXml;
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

    private final DomainTable table;
    private final DeviceChanges devices;
    private final Reconciler reconciler;
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

    private DomainService(DomainTable table) {
        this.table = table;
        this.devices = new DeviceChanges(table);
        this.reconciler = new Reconciler(table);
    }

    /**
     * Loads the domains saved under {@code stateDir}, reconciles them with what each node
     * reports, starts watching the nodes, and powers on the autostart domains.
     */
    public static DomainService open(NodePool nodes, Path stateDir, DomainSettings settings, EventSink events) {
        DomainService service = new DomainService(new DomainTable(nodes, new DomainStore(stateDir), settings, events));
        for (NodeDriver node : nodes.all()) {
            service.reconciler.reconcile(node.name());
            service.reconciler.restoreCard(node.name());
            node.power().watch(state -> {
                service.powerWaits.reported(node.name(), state);
                service.background.execute(() -> service.reconciler.reconcileQuietly(node.name()));
            });
        }
        service.autostart();
        // Edges are reported as they happen where the hardware gives them; polling catches the rest.
        long poll = settings.pollInterval().toMillis();
        service.poller.scheduleWithFixedDelay(() -> nodes.all().forEach(node ->
                service.reconciler.reconcileQuietly(node.name())), poll, poll, TimeUnit.MILLISECONDS);
        return service;
    }

    // ---- lookups -------------------------------------------------------------------------

    public List<DomainRecord> list() {
        return table.all().stream().map(ManagedDomain::record)
                .sorted(Comparator.comparing(DomainRecord::name)).toList();
    }

    public DomainRecord lookup(UUID uuid) {
        return table.managed(uuid).record();
    }

    public DomainRecord lookupByName(String name) {
        return table.all().stream().map(ManagedDomain::record).filter(record -> record.name().equals(name))
                .findFirst().orElseThrow(() -> noDomain("no domain with matching name '" + name + "'"));
    }

    public DomainRecord lookupById(int id) {
        return table.all().stream().map(ManagedDomain::record)
                .filter(record -> record.active() && record.id() == id)
                .findFirst().orElseThrow(() -> noDomain("no domain with matching id " + id));
    }

    /** Whether a domain is active on the node: its memory is then all in use. */
    public boolean nodeInUse(String node) {
        return table.activeOn(node).isPresent();
    }

    /** Milliseconds the state change in progress on the domain has been running; 0 when none is. */
    public long jobMillis(UUID uuid) {
        return table.managed(uuid).jobMillis();
    }

    // ---- statistics ----------------------------------------------------------------------

    public DeviceCounters.Block blockStats(UUID uuid, String path) {
        DomainRecord record = lookup(uuid);
        return DeviceStats.block(table.nodes.node(record.node()), record, path);
    }

    public DeviceCounters.Size blockSize(UUID uuid, String path) {
        DomainRecord record = lookup(uuid);
        return DeviceStats.size(table.nodes.node(record.node()), record, path);
    }

    public DeviceCounters.Interface interfaceStats(UUID uuid, String device) {
        DomainRecord record = lookup(uuid);
        return DeviceStats.network(table.nodes.node(record.node()), record, device);
    }

    // ---- definition ----------------------------------------------------------------------

    /** Defines a domain, or redefines one with the same name and UUID (its persistent definition only). */
    public DomainRecord define(String xml) {
        DomainDefinition definition = DomainXml.parse(xml);
        synchronized (table.registry) {
            Optional<ManagedDomain> existing = table.existing(definition);
            if (existing.isEmpty()) {
                String node = table.nodes.bind(definition, table.all().stream().map(ManagedDomain::record).toList());
                table.plan(node, definition);
                DomainRecord record = DomainRecord.inactive(definition, true, node);
                table.add(record);
                LOG.info("defined domain '{}' ({}) on node {}", record.name(), record.uuid(), node);
                table.lifecycle(record, DomainEvent.Defined.ADDED);
                return record;
            }
        }
        DomainRecord updated = table.change(definition.uuid(), "DOMAIN_DEFINE_XML", record -> {
            table.plan(record.node(), definition);
            return record.withConfig(Optional.of(definition));
        });
        table.lifecycle(updated, DomainEvent.Defined.UPDATED);
        return updated;
    }

    /** Removes the persistent definition: an inactive domain is gone, an active one becomes transient. */
    public void undefine(UUID uuid) {
        ManagedDomain domain = table.managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_UNDEFINE", table.settings.lockTimeout())) {
            DomainRecord record = current(domain);
            if (!record.persistent()) {
                throw invalid("cannot undefine transient domain");
            }
            if (record.active()) {
                table.commit(domain, record.withConfig(Optional.empty()).withAutostart(false));
            } else {
                table.remove(domain);
            }
            LOG.info("undefined domain '{}'", record.name());
            table.lifecycle(record, DomainEvent.Undefined.REMOVED);
        }
    }

    public void setAutostart(UUID uuid, boolean autostart) {
        table.change(uuid, "DOMAIN_SET_AUTOSTART", record -> {
            if (!record.persistent()) {
                throw invalid("cannot set autostart for transient domain");
            }
            return record.withAutostart(autostart);
        });
    }

    /** Applies an edit to the persistent definition ({@code config}) and/or the live one ({@code live}). */
    public void edit(UUID uuid, boolean live, boolean config, UnaryOperator<DomainDefinition> edit) {
        table.change(uuid, "DOMAIN_SET_METADATA", record -> {
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

    /** Adds a disk, interface or host device, live and/or to the definition; see {@link DeviceChanges}. */
    public void attachDevice(UUID uuid, String xml, boolean live, boolean config) {
        devices.attach(uuid, xml, live, config);
    }

    /** Replaces a device, matched as detach matches it; the card reprograms it if it changed. */
    public void updateDevice(UUID uuid, String xml, boolean live, boolean config) {
        devices.update(uuid, xml, live, config);
    }

    /** Removes a device, matched as libvirt matches it; a live removal ends with DEVICE_REMOVED. */
    public void detachDevice(UUID uuid, String xml, boolean live, boolean config) {
        devices.detach(uuid, xml, live, config);
    }

    /** Removes the device with this alias: a user alias, or one the live XML shows ({@code net0}). */
    public void detachAlias(UUID uuid, String alias, boolean live, boolean config) {
        devices.detachAlias(uuid, alias, live, config);
    }

    /** Reads the node's power now and brings the domains bound to it in line. */
    void reconcile(String node) {
        reconciler.reconcile(node);
    }

    // ---- lifecycle -----------------------------------------------------------------------

    /**
     * Starts a defined domain: the server is prepared and, unless {@code paused}, powered on;
     * returns once the hardware confirms it. A paused start is how Nova boots: it resumes later.
     */
    public DomainRecord start(UUID uuid, boolean paused) {
        ManagedDomain domain = table.managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_CREATE", table.settings.lockTimeout())) {
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
        synchronized (table.registry) {
            domain = table.existing(definition).orElse(null);
            if (domain == null) {
                String node = table.nodes.bind(definition, table.all().stream().map(ManagedDomain::record).toList());
                domain = table.addUnsaved(DomainRecord.inactive(definition, false, node));
            }
        }
        try (StateLock.Held held = domain.lock("DOMAIN_CREATE_XML", table.settings.lockTimeout())) {
            DomainRecord record = current(domain);
            if (record.active()) {
                throw invalid("domain '" + record.name() + "' is already active");
            }
            try {
                return powerUp(domain, record, definition, paused);
            } catch (RuntimeException e) {
                if (!domain.record().persistent()) {
                    table.remove(domain);
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
        table.activeOn(record.node()).filter(other -> !other.uuid().equals(record.uuid())).ifPresent(other -> {
            throw invalid("node '" + record.node() + "' is in use by domain '" + other.name() + "'");
        });
        NodeDriver node = table.nodes.node(record.node());
        NodePlan plan = table.plan(record.node(), definition);
        DomainTable.setBootOrder(node, plan);
        Map<String, String> addresses = CardDevices.attachAll(node, plan);
        int id = table.nextId();
        if (paused) {
            DomainRecord prepared = table.commit(domain, record.started(id, definition, Lifecycle.PAUSED_USER, addresses));
            table.lifecycle(prepared, DomainEvent.Started.BOOTED);
            table.lifecycle(prepared, DomainEvent.Suspended.PAUSED);
            return prepared;
        }
        DomainRecord starting;
        try {
            // Active from the press on, as a QEMU domain is while its process starts: paused, starting up.
            starting = table.commit(domain, record.started(id, definition, Lifecycle.PAUSED_STARTING_UP, addresses));
            node.power().powerOn();
        } catch (RuntimeException e) {
            abandonStart(domain, record, node, plan, e);
            throw e;
        }
        DomainRecord started = table.commit(domain, starting.in(Lifecycle.RUNNING_BOOTED));
        LOG.info("started domain '{}' with id {} on node {}", started.name(), id, node.name());
        table.lifecycle(started, DomainEvent.Started.BOOTED);
        return started;
    }

    /**
     * Takes back what a start that failed had prepared. The domain is shut off with reason
     * FAILED, as QEMU's driver leaves it, and no event: its start was never announced. A transient
     * domain's caller removes it.
     */
    private void abandonStart(ManagedDomain domain, DomainRecord record, NodeDriver node, NodePlan plan,
                              RuntimeException failure) {
        try {
            CardDevices.detachAll(node, plan);
            if (record.persistent()) {
                table.commit(domain, record.stopped(Lifecycle.SHUTOFF_FAILED));
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Powers on a domain started paused; a running one is left as it is. */
    public void resume(UUID uuid) {
        ManagedDomain domain = table.managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_RESUME", table.settings.lockTimeout())) {
            DomainRecord record = requireActive(current(domain));
            if (record.lifecycle().state() != DomainState.PAUSED) {
                return;
            }
            table.nodes.node(record.node()).power().powerOn();
            table.lifecycle(table.commit(domain, record.in(Lifecycle.RUNNING_UNPAUSED)), DomainEvent.Resumed.UNPAUSED);
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
        ManagedDomain domain = table.managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_DESTROY", table.settings.lockTimeout())) {
            DomainRecord record = requireActive(current(domain));
            table.nodes.node(record.node()).power().powerOff();
            table.stop(domain, record, Lifecycle.SHUTOFF_DESTROYED, DomainEvent.Stopped.DESTROYED);
        }
    }

    /**
     * Asks the OS to shut down (an ACPI power-button press) and returns. The domain stays
     * RUNNING, as a QEMU guest does, until the server is confirmed off; then it is SHUTOFF
     * (SHUTDOWN). A domain started paused has never been powered: it is shut off at once.
     */
    public void shutdown(UUID uuid) {
        ManagedDomain domain = table.managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_SHUTDOWN", table.settings.lockTimeout())) {
            DomainRecord record = requireActive(current(domain));
            if (record.lifecycle().state() == DomainState.PAUSED) {
                table.stop(domain, record, Lifecycle.SHUTOFF_SHUTDOWN, DomainEvent.Stopped.SHUTDOWN);
                return;
            }
            askOsToShutDown(domain, record, table.nodes.node(record.node()));
        }
    }

    /**
     * Presses the power button of a server that is on, for its OS to shut down. Asked again while
     * the OS shuts down (Nova re-sends every few seconds), the request is accepted, and sent again
     * only where the transport says a request can never turn an off server on. A server found off
     * is shut off instead, and the call fails as it does on a stopped domain.
     */
    private DomainRecord askOsToShutDown(ManagedDomain domain, DomainRecord record, NodeDriver node) {
        PowerState power = Reconciler.confirmedPower(node);
        if (power == PowerState.OFF) {
            reconciler.apply(domain, record, power);
            throw invalid("domain is not running");
        }
        if (power == PowerState.UNKNOWN) {
            throw failed("the power of node '" + node.name() + "' cannot be read: its button is not pressed");
        }
        if (!record.shutdownRequested() || node.power().shutdownRequestRepeatable()) {
            node.power().requestShutdown();
        } else {
            LOG.debug("domain '{}': its OS was asked to shut down already; node {} is not pressed again",
                    record.name(), node.name());
        }
        // Saved once the request went out: one that failed must not stop the next from pressing.
        return record.shutdownRequested() ? record : table.commit(domain, record.withShutdownRequested());
    }

    /** Graceful off, then on; returns when the server is back on. The id stays: the domain never stopped. */
    public void reboot(UUID uuid) {
        ManagedDomain domain = table.managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_REBOOT", table.settings.lockTimeout())) {
            DomainRecord record = requireRunning(current(domain));
            NodeDriver node = table.nodes.node(record.node());
            record = askOsToShutDown(domain, record, node);
            // Armed after the press: the wait reads the power first, so an OFF edge in between is not lost.
            PowerWaits.Wait off = powerWaits.arm(node.name(), PowerState.OFF);
            if (!off.await(table.settings.shutdownTimeout(), node.power()::state)) {
                throw new VirtException(ErrorNumber.OPERATION_TIMEOUT, ErrorDomain.DOMAIN,
                        "Timed out during operation: the server of domain '" + record.name()
                                + "' did not shut down within " + table.settings.shutdownTimeout().toSeconds() + " s");
            }
            node.power().powerOn();
            table.events.publish(new DomainEvent.Reboot(DomainRef.of(table.commit(domain, record.rebooted(Lifecycle.RUNNING_BOOTED)))));
        }
    }

    /**
     * Pulses the reset line: the server restarts at once, power staying on, and REBOOT is
     * emitted as QEMU's driver emits it for a reset. A shutdown under way is cancelled by it.
     */
    public void reset(UUID uuid) {
        ManagedDomain domain = table.managed(uuid);
        try (StateLock.Held held = domain.lock("DOMAIN_RESET", table.settings.lockTimeout())) {
            DomainRecord record = requireRunning(current(domain));
            table.nodes.node(record.node()).power().reset();
            DomainRecord reset = record.shutdownRequested() ? table.commit(domain, record.rebooted(record.lifecycle())) : record;
            table.events.publish(new DomainEvent.Reboot(DomainRef.of(reset)));
        }
    }

    private void autostart() {
        for (ManagedDomain domain : table.all()) {
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

    /** The XML of a domain as {@code virDomainGetXMLDesc} returns it: live while active, unless asked otherwise. */
    public static String xml(DomainRecord record, boolean inactive) {
        if (inactive || !record.active()) {
            return record.inactiveDefinition().xml();
        }
        return LiveXml.format(record.definition(), record.id(), record.addresses());
    }

    @Override
    public void close() {
        // Nothing to close in the table: every change is on disk already.
        poller.shutdownNow();
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
