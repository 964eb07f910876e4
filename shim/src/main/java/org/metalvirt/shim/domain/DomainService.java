package org.metalvirt.shim.domain;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.LiveXml;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.ConsoleAccess;
import org.metalvirt.node.DeviceCounters;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerControl;
import org.metalvirt.shim.objects.AutostartMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domains of this daemon, the one entry point the remote layer calls. Each call goes to its
 * concern — {@link DomainRegistry}, {@link DomainLifecycle}, {@link HotPlug}, {@link DomainStatistics}
 * — and every change runs as a job on its domain ({@link DomainTable#job}): one per domain at a
 * time, saved before it is seen, its events published after. Power changes nobody here asked
 * for (a button pressed, the OS shutting itself down) arrive from the node and are reconciled
 * the same way, in the background.
 */
public final class DomainService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DomainService.class);

    private final DomainTable table;
    private final DomainRegistry registry;
    private final DomainLifecycle lifecycle;
    private final HotPlug hotPlug;
    private final DomainStatistics statistics;
    private final Reconciler reconciler;
    private final DiskHealth disks;
    private final PowerWaits powerWaits = new PowerWaits();
    private final Background background;
    private final NodePolls polls;
    /** Whether this start was the first since the card booted, and so started the autostart domains. */
    private boolean autostartRan;

    private DomainService(DomainTable table) {
        this.table = table;
        this.registry = new DomainRegistry(table);
        this.reconciler = new Reconciler(table);
        this.lifecycle = new DomainLifecycle(table, registry, reconciler, powerWaits);
        this.hotPlug = new HotPlug(table);
        this.statistics = new DomainStatistics(table);
        this.disks = new DiskHealth(table);
        this.background = new Background(table.nodes().all().size());
        DomainSettings settings = table.settings();
        this.polls = new NodePolls(settings.pollInterval(), settings.pollConcurrency(), node -> {
            reconciler.pollQuietly(node);
            disks.check(node);
        });
    }

    /**
     * Loads the domains saved under {@code stateDir}, reconciles them with what each node
     * reports, starts watching the nodes, and powers on the autostart domains, once per boot.
     */
    public static DomainService open(NodePool nodes, Path stateDir, DomainSettings settings, EventSink events) {
        return open(nodes, stateDir, settings, events, NetworkPorts.NONE);
    }

    /** As above, with the networks {@code <interface type='network'>} takes its VFs from. */
    public static DomainService open(
            NodePool nodes, Path stateDir, DomainSettings settings, EventSink events, NetworkPorts networks) {
        return open(nodes, stateDir, settings, events, networks, DiskVolumes.NONE);
    }

    /** As above, with the storage pools {@code <disk type='volume'>} takes its volumes from. */
    public static DomainService open(
            NodePool nodes,
            Path stateDir,
            DomainSettings settings,
            EventSink events,
            NetworkPorts networks,
            DiskVolumes volumes) {
        return open(nodes, stateDir, stateDir.resolve("run"), settings, events, networks, volumes);
    }

    /**
     * As above, with runtime state under {@code runtimeDir} (the daemon's: it survives the daemon,
     * not a reboot); the overloads without one keep it under the state directory's {@code run}.
     */
    public static DomainService open(
            NodePool nodes,
            Path stateDir,
            Path runtimeDir,
            DomainSettings settings,
            EventSink events,
            NetworkPorts networks,
            DiskVolumes volumes) {
        DomainService service = new DomainService(
                new DomainTable(nodes, new DomainStore(stateDir, runtimeDir), settings, events, networks, volumes));
        // Each node read once before anything else, as many at once as the poll reads: a rack of
        // BMCs starts in the time of N / pollConcurrency reads, not N.
        List<String> names = nodes.all().stream().map(NodeDriver::name).toList();
        service.polls.once(names, node -> {
            service.reconciler.reconcile(node);
            service.reconciler.restoreCard(node);
        });
        for (NodeDriver node : nodes.all()) {
            node.power().watch(state -> {
                if (!service.powerWaits.reported(node.name(), state)) {
                    service.background.reconcile(node.name(), () -> service.reconciler.reconcileQuietly(node.name()));
                }
            });
        }
        service.autostartRan = AutostartMarker.firstSinceBoot(runtimeDir.resolve("domains"));
        if (service.autostartRan) {
            service.autostart();
        }
        // Edges are reported as they happen where the hardware gives them; the poll catches the
        // rest, and is how a BMC's changes are found at all: one read per node per interval.
        service.polls.nodes(names);
        return service;
    }

    // ---- registry ------------------------------------------------------------------------

    public List<DomainRecord> list() {
        return registry.list();
    }

    public DomainRecord lookup(UUID uuid) {
        return registry.lookup(uuid);
    }

    public DomainRecord lookupByName(String name) {
        return registry.lookupByName(name);
    }

    public DomainRecord lookupById(int id) {
        return registry.lookupById(id);
    }

    /** Whether a domain is active on the node: its memory is then all in use. */
    public boolean nodeInUse(String node) {
        return table.activeOn(node).isPresent();
    }

    /** The domains bound to a node, from the table's node index (no scan of every domain). */
    public List<DomainRecord> boundTo(String node) {
        return table.boundTo(node);
    }

    /**
     * What {@code read} returns for each of these nodes, in their order, read as the poll reads:
     * at most {@code pollConcurrency} at once, on threads that end with the call.
     */
    public <T> List<T> readNodes(List<String> nodes, Function<String, T> read) {
        return polls.each(nodes, read);
    }

    /** Milliseconds the state change in progress on the domain has been running; 0 when none is. */
    public long jobMillis(UUID uuid) {
        return registry.jobMillis(uuid);
    }

    /**
     * How long the power-on in progress (a start, or the resume of a paused start) has run, in
     * milliseconds; empty while none is. It is the one state change reported as a job, as QEMU's
     * start is the one lifecycle change it runs as an async job.
     */
    public OptionalLong powerOnMillis(UUID uuid) {
        return registry.powerOnMillis(uuid);
    }

    /** Defines a domain, or redefines one with the same name and UUID (its persistent definition only). */
    public DomainRecord define(String xml) {
        return registry.define(xml);
    }

    /** Removes the persistent definition: an inactive domain is gone, an active one becomes transient. */
    public void undefine(UUID uuid) {
        registry.undefine(uuid);
    }

    public void setAutostart(UUID uuid, boolean autostart) {
        registry.setAutostart(uuid, autostart);
    }

    /** Applies an edit to the definitions {@code affect} names (metadata, title, description). */
    public void edit(UUID uuid, Affect affect, UnaryOperator<DomainDefinition> edit) {
        registry.edit(uuid, affect, edit);
    }

    // ---- lifecycle -----------------------------------------------------------------------

    /**
     * Starts a defined domain: the server is prepared and, unless {@code paused}, powered on;
     * returns once the hardware confirms it. A paused start is how Nova boots: it resumes later.
     */
    public DomainRecord start(UUID uuid, boolean paused) {
        return lifecycle.start(uuid, paused);
    }

    /** Starts a domain from XML without defining it (CloudStack's way), or a defined inactive one with that XML. */
    public DomainRecord createTransient(String xml, boolean paused) {
        return lifecycle.createTransient(xml, paused);
    }

    /** Powers on a domain started paused; a running one is left as it is. */
    public void resume(UUID uuid) {
        lifecycle.resume(uuid);
    }

    /** A server cannot be frozen once powered; a domain not yet powered already is paused. */
    public void suspend(UUID uuid) {
        lifecycle.suspend(uuid);
    }

    /** Forces power off, confirmed. */
    public void destroy(UUID uuid) {
        lifecycle.destroy(uuid);
    }

    /** Asks the OS to shut down and returns; the domain is SHUTOFF once the server is confirmed off. */
    public void shutdown(UUID uuid) {
        lifecycle.shutdown(uuid);
    }

    /** Graceful off, then on; returns when the server is back on. */
    public void reboot(UUID uuid) {
        lifecycle.reboot(uuid);
    }

    /** Pulses the reset line: the server restarts at once, power staying on. */
    public void reset(UUID uuid) {
        lifecycle.reset(uuid);
    }

    /** Sends the running server a non-maskable interrupt; see {@link DomainLifecycle#injectNmi}. */
    public void injectNmi(UUID uuid) {
        lifecycle.injectNmi(uuid);
    }

    /**
     * Maintenance power on a node, straight to its hardware, under the state lock of the domain
     * bound to it (the active one, else the first), so that no state change of that domain drives
     * the server at the same time. Refused while that domain is active unless {@code force}; the
     * domain then follows what the hardware reports, as after a button pressed at the server.
     */
    public void maintenancePower(String node, Consumer<PowerControl> action, boolean force) {
        PowerControl power = table.node(node).power();
        Optional<DomainRecord> bound = table.activeOn(node)
                .or(() -> table.boundTo(node).stream().min(Comparator.comparing(DomainRecord::name)));
        if (bound.isEmpty()) {
            action.accept(power);
            return;
        }
        table.job(bound.get().uuid(), DomainJob.MAINTENANCE, job -> {
            if (job.record().active() && !force) {
                throw new VirtException(
                        ErrorNumber.OPERATION_INVALID,
                        ErrorDomain.NONE,
                        "Requested operation is not valid: node '" + node + "' is in use by active domain '"
                                + job.record().name() + "'; stop the domain first, or force");
            }
            action.accept(power);
            return null;
        });
        background.reconcile(node, () -> reconciler.reconcileQuietly(node));
    }

    /**
     * Runs {@code task} at the power poll's interval on a thread of its own, until the service
     * closes: for other state the hardware changes without telling (the node devices). It must not throw.
     */
    public void onPoll(Runnable task) {
        background.poll(table.settings().pollInterval(), task);
    }

    /**
     * The targets of the running domain's disks whose volume the card finds failed now;
     * "not supported" where the card cannot tell, "domain is not running" when shut off.
     */
    public List<String> failingDisks(UUID uuid) {
        return disks.failing(registry.lookup(uuid));
    }

    /** Reads the node's power now and brings the domains bound to it in line. */
    void reconcile(String node) {
        reconciler.reconcile(node);
    }

    /** Whether opening started the autostart domains: the first start since the card booted. */
    boolean autostartRan() {
        return autostartRan;
    }

    private void autostart() {
        for (DomainRecord record : registry.list()) {
            if (record.autostart() && !record.active() && !nodeInUse(record.node())) {
                background.run("autostart of domain '" + record.name() + "'", () -> {
                    try {
                        start(record.uuid(), false);
                    } catch (VirtException e) {
                        LOG.error("cannot autostart domain '{}': {}", record.name(), e.getMessage());
                    }
                });
            }
        }
    }

    // ---- devices -------------------------------------------------------------------------

    /** Adds a disk, interface or host device, where {@code affect} says; see {@link HotPlug}. */
    public void attachDevice(UUID uuid, String xml, Affect affect) {
        hotPlug.attach(uuid, xml, affect);
    }

    /** Replaces a device, matched as detach matches it; the card reprograms it if it changed. */
    public void updateDevice(UUID uuid, String xml, Affect affect) {
        hotPlug.update(uuid, xml, affect);
    }

    /** Removes a device, matched as libvirt matches it; a live removal ends with DEVICE_REMOVED. */
    public void detachDevice(UUID uuid, String xml, Affect affect) {
        hotPlug.detach(uuid, xml, affect);
    }

    /** Removes the device with this alias: a user alias, or one the live XML shows ({@code net0}). */
    public void detachAlias(UUID uuid, String alias, Affect affect) {
        hotPlug.detachAlias(uuid, alias, affect);
    }

    // ---- console -------------------------------------------------------------------------

    /**
     * Opens the running server's serial console for {@code client}: one client at a time, another
     * refused unless it {@code force}s, as libvirt's character devices are; see {@link DomainConsoles}.
     */
    public ConsoleAccess.Session openConsole(UUID uuid, Optional<String> devName, boolean force, ConsoleClient client) {
        DomainRecord record = registry.lookup(uuid);
        return table.consoles().open(record, table.node(record.node()), devName, force, client);
    }

    /** The console's client is done with it: the transport is closed. */
    public void releaseConsole(UUID uuid, ConsoleClient client) {
        table.consoles().release(uuid, client);
    }

    /** A server has no guest channels (no agent, no virtio-serial reaches it): libvirt's error for a missing one. */
    public VirtException channelError(UUID uuid, Optional<String> name) {
        return registry.lookup(uuid).active() ? DomainConsoles.noChannel(name) : DomainConsoles.notRunning();
    }

    // ---- statistics ----------------------------------------------------------------------

    public DeviceCounters.Block blockStats(UUID uuid, String path) {
        return statistics.block(uuid, path);
    }

    public DeviceCounters.Size blockSize(UUID uuid, String path) {
        return statistics.size(uuid, path);
    }

    public DeviceCounters.Interface interfaceStats(UUID uuid, String device) {
        return statistics.network(uuid, device);
    }

    /** The IPv4 addresses the card has seen {@code mac} use (its ARP table); "not supported" where it reads none. */
    public List<String> neighbours(UUID uuid, String mac) {
        return statistics.neighbours(uuid, mac);
    }

    /** The XML of a domain as {@code virDomainGetXMLDesc} returns it: live while active, unless asked otherwise. */
    public static String xml(DomainRecord record, boolean inactive) {
        if (inactive || !record.active()) {
            return record.inactiveDefinition().xml();
        }
        return LiveXml.format(record.definition(), record.id(), record.addresses());
    }

    /** See {@link DomainStore#prepareJournal}. */
    public void prepareJournal() {
        table.store().prepareJournal();
    }

    @Override
    public void close() {
        polls.close();
        background.close();
        // Every change is durable already; the store writes its journal out into the files.
        table.close();
    }
}
