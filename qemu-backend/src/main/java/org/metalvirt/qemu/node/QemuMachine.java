package org.metalvirt.qemu.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.metalvirt.baremetal.process.LifelineProcess;
import org.metalvirt.baremetal.qmp.EventWait;
import org.metalvirt.baremetal.qmp.QmpClient;
import org.metalvirt.baremetal.qmp.QmpReply;
import org.metalvirt.baremetal.smartnic.StorageDaemonProvider;
import org.metalvirt.baremetal.smartnic.VirtioBlkProvider;
import org.metalvirt.error.Failures;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.PowerListener;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;
import org.metalvirt.qemu.process.MachineConfig;
import org.metalvirt.qemu.process.QemuCommand;
import org.metalvirt.qemu.process.Uefi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One QEMU "server": its process (when the daemon owns its power), its QMP connection, and the
 * devices given to it. Devices are recorded whether or not the server is on, as a SmartNIC keeps
 * its functions across the server's power cycles: they are hot-plugged while it runs, and plugged
 * again (before the firmware runs, with {@code -S}) at each power-on.
 *
 * <p>State changes hold this object's lock; {@link #state} does not, so polling never waits
 * behind a boot. Power edges are told to listeners in order on one thread per node.
 */
final class QemuMachine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QemuMachine.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private final MachineConfig config;
    private final QemuOptions options;
    private final StorageDaemonProvider disks;
    private final Plugged[] ports;
    private final List<PowerListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService edges;
    private PowerState reported = PowerState.OFF; // touched on the edges thread only
    private volatile LifelineProcess process;
    private volatile QmpClient qmp;
    private volatile FirmwareMode firmware = FirmwareMode.BIOS;

    QemuMachine(MachineConfig config, QemuOptions options, StorageDaemonProvider disks) {
        this.config = config;
        this.options = options;
        this.disks = disks;
        this.ports = new Plugged[config.rootPorts() + 1]; // 1-based, as the rpN ids
        this.edges = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "qemu-power-" + config.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    MachineConfig config() {
        return config;
    }

    /** The firmware the next power-on runs: SeaBIOS for {@code BIOS}, OVMF for {@code EFI}. */
    void firmware(FirmwareMode mode) {
        this.firmware = mode;
    }

    // ---- power, when the daemon owns the process ----

    /** ON while the QEMU process lives and has not shut down: the process is the server's power. */
    PowerState state() {
        LifelineProcess running = process;
        if (running == null || !running.alive()) {
            return PowerState.OFF;
        }
        QmpClient client = qmp;
        try {
            String status = client.execute("query-status").path("status").asText();
            return status.equals("shutdown") ? PowerState.OFF : PowerState.ON;
        } catch (RuntimeException e) {
            // QMP goes away a moment before the process does: the process decides.
            return running.alive() ? PowerState.ON : PowerState.OFF;
        }
    }

    synchronized void powerOn() {
        if (process != null && process.alive()) {
            return;
        }
        LifelineProcess started = startProcess();
        QmpClient client = null;
        try {
            client = QmpClient.connect(
                    config.name(), config.qmpSocket(), options.bootTimeout(), started::alive, COMMAND_TIMEOUT);
            plugMissing(client);
            client.execute("cont");
            String status = client.execute("query-status").path("status").asText();
            if (!status.equals("running")) {
                throw Failures.failed(config.name() + ": QEMU is " + status + " after cont, not running");
            }
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            started.kill(KILL_GRACE);
            throw Failures.failed(
                    config.name() + ": power on failed: " + e.getMessage() + " (QEMU: " + started.logTail() + ")", e);
        }
        process = started;
        qmp = client;
        fire(PowerState.ON);
        started.exited().thenRun(() -> exited(started)); // a guest poweroff, a kill, or ours
        LOG.info("{}: powered on (QEMU wrapper pid {})", config.name(), started.pid());
    }

    /** QEMU, paused, with fresh sockets in its run directory. */
    private LifelineProcess startProcess() {
        try {
            Files.createDirectories(config.runDir());
            Files.deleteIfExists(config.qmpSocket());
            Files.deleteIfExists(config.serialSocket());
        } catch (IOException e) {
            throw Failures.failed(config.name() + ": cannot prepare " + config.runDir() + ": " + e.getMessage(), e);
        }
        return LifelineProcess.start(
                config.name(), QemuCommand.argv(config, true, uefi()), config.qemuLog(), config.pidFile());
    }

    /** OVMF with the node's variable store, made from the template at its first UEFI boot; empty for SeaBIOS. */
    private Optional<Uefi> uefi() {
        if (firmware != FirmwareMode.EFI) {
            return Optional.empty();
        }
        Path code = Path.of(options.ovmfCode());
        Path template = Path.of(options.ovmfVars());
        try {
            if (!Files.isReadable(code) || !Files.isReadable(template)) {
                throw Failures.failed(config.name() + ": no UEFI firmware: cannot read " + code + " and " + template
                        + " (Debian's ovmf; options ovmfCode, ovmfVars)");
            }
            if (!Files.exists(config.uefiVars())) {
                Files.copy(template, config.uefiVars());
            }
        } catch (IOException e) {
            throw Failures.failed(config.name() + ": cannot make its UEFI variable store: " + e.getMessage(), e);
        }
        return Optional.of(new Uefi(code, config.uefiVars()));
    }

    /** The ACPI power button; the OFF edge comes when the OS has powered the server off. */
    synchronized void requestShutdown() {
        QmpClient client = runningQmp();
        if (client != null) {
            client.execute("system_powerdown");
        }
    }

    /** {@code quit} (QEMU stops at once, like pulling the plug), then the process's end confirms it. */
    synchronized void powerOff() {
        LifelineProcess running = process;
        if (running == null) {
            return;
        }
        QmpClient client = qmp;
        try {
            if (client != null && client.isOpen()) {
                client.call("quit", null);
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: quit: {}", config.name(), e.getMessage()); // QEMU may close before it answers
        }
        if (!running.awaitExit(options.stopTimeout())) {
            LOG.warn(
                    "{}: QEMU still runs {} s after quit; killing it",
                    config.name(),
                    options.stopTimeout().toSeconds());
            running.kill(KILL_GRACE);
        }
        exited(running);
    }

    synchronized void reset() {
        QmpClient client = runningQmp();
        if (client == null) {
            throw Failures.invalid("cannot reset node " + config.name() + ": it is off");
        }
        client.execute("system_reset");
    }

    /** QMP's {@code inject-nmi}: an NMI on every vCPU of the running machine. */
    synchronized void injectNmi() {
        QmpClient client = runningQmp();
        if (client == null) {
            throw Failures.invalid("cannot send an NMI to node " + config.name() + ": it is off");
        }
        client.execute("inject-nmi");
    }

    void watch(PowerListener listener) {
        listeners.add(listener);
    }

    private synchronized void exited(LifelineProcess ended) {
        if (process != ended) {
            return; // already handled
        }
        process = null;
        QmpClient client = qmp;
        qmp = null;
        if (client != null) {
            client.close();
        }
        LOG.info("{}: powered off", config.name());
        fire(PowerState.OFF);
    }

    private void fire(PowerState state) {
        edges.execute(() -> {
            if (state == reported) {
                return;
            }
            reported = state;
            for (PowerListener listener : listeners) {
                try {
                    listener.powerChanged(state);
                } catch (RuntimeException e) {
                    LOG.warn("{}: power listener failed on {}", config.name(), state, e);
                }
            }
        });
    }

    // ---- QMP of a QEMU someone else starts (power through a BMC) ----

    /**
     * Connects to the QMP socket of a QEMU the BMC started, waiting up to {@code timeout} for it,
     * and plugs the devices a freshly started QEMU lacks. Returns null when there is none.
     */
    synchronized QmpClient connectExternal(Duration timeout) {
        QmpClient client = qmp;
        if (client != null && client.isOpen()) {
            return client;
        }
        if (timeout.isZero() && !Files.exists(config.qmpSocket())) {
            return null;
        }
        try {
            client = QmpClient.connect(
                    config.name(),
                    config.qmpSocket(),
                    timeout.isZero() ? Duration.ofSeconds(2) : timeout,
                    () -> true,
                    COMMAND_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debug("{}: no QMP: {}", config.name(), e.getMessage());
            return null;
        }
        plugMissing(client);
        QmpClient connected = client;
        qmp = connected;
        connected.closed().thenRun(() -> {
            synchronized (this) {
                if (qmp == connected) {
                    qmp = null;
                }
            }
        });
        return connected;
    }

    // ---- devices ----

    synchronized String attach(Plugged.Kind kind, Object device, String id) {
        checkNew(kind, id);
        QmpClient client = deviceQmp();
        int free = freePort(kind, id, client == null ? Set.of() : inQemu(client));
        return place(client, free, kind, device, false);
    }

    /**
     * Gives back a device the server had at {@code address} before this daemon started (its QEMU,
     * started by the BMC, outlived the daemon that plugged it): a device QEMU still has on that port
     * is adopted as it is, and a disk's volume exported again on the port's socket, where QEMU's
     * chardev (reconnecting) finds it; otherwise it is plugged there, or where {@link #attach} would.
     */
    synchronized String restore(Plugged.Kind kind, Object device, String id, String address) {
        checkNew(kind, id);
        QmpClient client = deviceQmp();
        Set<String> present = client == null ? Set.of() : inQemu(client);
        OptionalInt port = MachineConfig.portOf(address);
        if (port.isEmpty() || port.getAsInt() >= ports.length || ports[port.getAsInt()] != null) {
            return place(client, freePort(kind, id, present), kind, device, false);
        }
        boolean adopt = present.contains(Plugged.deviceId(kind, port.getAsInt()));
        if (adopt) {
            LOG.info("{}: adopting the {} '{}' QEMU has on {}", config.name(), kind.noun, id, address);
        }
        return place(client, port.getAsInt(), kind, device, adopt);
    }

    /** The device on {@code port}: plugged into QEMU when it runs, unless QEMU has it already. */
    private String place(QmpClient client, int port, Plugged.Kind kind, Object device, boolean inQemu) {
        Plugged plugged = switch (kind) {
            case DISK -> exposed(port, (VirtioBlkDisk) device);
            case NIC -> new Plugged.Nic(port, (VirtualFunction) device);
        };
        if (client != null && !inQemu) {
            try {
                plug(client, plugged);
            } catch (RuntimeException e) {
                release(plugged);
                throw e;
            }
        }
        ports[port] = plugged;
        return MachineConfig.guestAddress(port);
    }

    /** The card exports the disk's volume first, as it would before presenting the function. */
    private Plugged.Disk exposed(int port, VirtioBlkDisk disk) {
        VirtioBlkProvider.Exposed exposed = disks.expose(port, disk);
        return new Plugged.Disk(port, disk, exposed, disks.socket(port).toString());
    }

    /** What the card keeps for a device the server no longer has: a disk's export. */
    private void release(Plugged plugged) {
        if (plugged instanceof Plugged.Disk disk) {
            disks.remove(disk.exposed());
        }
    }

    private void checkNew(Plugged.Kind kind, String id) {
        for (int port = 1; port < ports.length; port++) {
            if (ports[port] != null
                    && ports[port].kind() == kind
                    && ports[port].id().equals(id)) {
                throw Failures.invalid(kind.noun + " '" + id + "' is already attached to node " + config.name());
            }
        }
    }

    /** The first port neither recorded nor holding a device QEMU has from an earlier daemon. */
    private int freePort(Plugged.Kind kind, String id, Set<String> inQemu) {
        int free = 1;
        while (free < ports.length && (ports[free] != null || occupied(inQemu, free))) {
            free++;
        }
        if (free >= ports.length) {
            throw Failures.failed("no free PCIe root port on node " + config.name() + " for " + kind.noun + " '" + id
                    + "' (" + config.rootPorts() + " in use; option rootPorts)");
        }
        return free;
    }

    private static boolean occupied(Set<String> inQemu, int port) {
        return Arrays.stream(Plugged.Kind.values()).anyMatch(kind -> inQemu.contains(Plugged.deviceId(kind, port)));
    }

    synchronized void detach(Plugged.Kind kind, String id) {
        for (int port = 1; port < ports.length; port++) {
            Plugged plugged = ports[port];
            if (plugged != null && plugged.kind() == kind && plugged.id().equals(id)) {
                QmpClient client = deviceQmp();
                if (client != null) {
                    unplug(client, plugged);
                }
                ports[port] = null;
                release(plugged);
                return;
            }
        }
        throw Failures.missing("no " + kind.noun + " '" + id + "' is attached to node " + config.name());
    }

    synchronized List<String> attached(Plugged.Kind kind) {
        List<String> ids = new ArrayList<>();
        for (Plugged plugged : ports) {
            if (plugged != null && plugged.kind() == kind) {
                ids.add(plugged.id());
            }
        }
        return List.copyOf(ids);
    }

    int capacity() {
        return config.rootPorts();
    }

    /** The disks whose volume the storage daemon finds failed, by id; probed outside the lock, as polling must not wait. */
    Map<String, String> diskFailures() {
        List<Plugged.Disk> plugged = new ArrayList<>();
        synchronized (this) {
            for (Plugged device : ports) {
                if (device instanceof Plugged.Disk disk) {
                    plugged.add(disk);
                }
            }
        }
        Map<String, String> failed = new TreeMap<>();
        for (Plugged.Disk disk : plugged) {
            disks.failure(disk.exposed()).ifPresent(reason -> failed.put(disk.id(), reason));
        }
        return failed;
    }

    /** QMP of the running server, or null when it is off (devices are then only recorded). */
    private QmpClient deviceQmp() {
        return options.power() == QemuOptions.Power.QEMU ? runningQmp() : connectExternal(Duration.ZERO);
    }

    private QmpClient runningQmp() {
        LifelineProcess running = process;
        QmpClient client = qmp;
        return running != null && running.alive() && client != null && client.isOpen() ? client : null;
    }

    /** Plugs every recorded device QEMU does not have (all of them in a QEMU just started). */
    private void plugMissing(QmpClient client) {
        Set<String> present = inQemu(client);
        for (Plugged plugged : ports) {
            if (plugged != null && !present.contains(plugged.deviceId())) {
                plug(client, plugged);
            }
        }
    }

    /** The ids of the devices QEMU has been given ({@code -device} or {@code device_add}). */
    private static Set<String> inQemu(QmpClient client) {
        Set<String> present = new HashSet<>();
        for (JsonNode child : client.execute("qom-list", QmpClient.args().put("path", "/machine/peripheral"))) {
            present.add(child.path("name").asText());
        }
        return present;
    }

    private void plug(QmpClient client, Plugged plugged) {
        ObjectNode device =
                QmpClient.args().put("id", plugged.deviceId()).put("bus", MachineConfig.rootPortId(plugged.port()));
        if (plugged instanceof Plugged.Disk disk) {
            // reconnect: a storage daemon that restarts is found again and the disk resumes.
            ObjectNode socket = QmpClient.args().put("server", false).put("reconnect", 1);
            socket.putObject("addr").put("type", "unix").putObject("data").put("path", disk.socket());
            ObjectNode backend = QmpClient.args().put("type", "socket");
            backend.set("data", socket);
            ObjectNode chardev = QmpClient.args().put("id", disk.chardevId());
            chardev.set("backend", backend);
            addBackend(client, "chardev-add", chardev);
            device.put("driver", "vhost-user-blk-pci").put("chardev", disk.chardevId());
            QmpReply added = client.call("device_add", device);
            if (!added.ok()) {
                client.call("chardev-remove", QmpClient.args().put("id", disk.chardevId()));
                added.orThrow(config.name());
            }
        } else if (plugged instanceof Plugged.Nic nic) {
            // A hub of its own per port: the NIC is connected to nothing, no host network is touched.
            addBackend(
                    client,
                    "netdev_add",
                    QmpClient.args()
                            .put("type", "hubport")
                            .put("id", nic.netdevId())
                            .put("hubid", plugged.port()));
            device.put("driver", "virtio-net-pci")
                    .put("netdev", nic.netdevId())
                    .put("mac", nic.vf().mac());
            QmpReply added = client.call("device_add", device);
            if (!added.ok()) {
                client.call("netdev_del", QmpClient.args().put("id", nic.netdevId()));
                added.orThrow(config.name());
            }
        }
        LOG.debug(
                "{}: plugged {} '{}' on {}",
                config.name(),
                plugged.kind().noun,
                plugged.id(),
                MachineConfig.rootPortId(plugged.port()));
    }

    /** A backend left from an earlier plug that failed half-way is reused, not an error. */
    private void addBackend(QmpClient client, String command, ObjectNode args) {
        QmpReply reply = client.call(command, args);
        if (!reply.ok() && !reply.errorDescription().contains("uplicate")) {
            reply.orThrow(config.name());
        }
    }

    /** device_del, then the guest's ejection confirmed by DEVICE_DELETED, then the backend goes. */
    private void unplug(QmpClient client, Plugged plugged) {
        try (EventWait deleted = client.expect(event ->
                event.name().equals("DEVICE_DELETED") && event.text("device").equals(plugged.deviceId()))) {
            QmpReply reply = client.call("device_del", QmpClient.args().put("id", plugged.deviceId()));
            if (reply.ok()) {
                deleted.await(
                        options.deviceTimeout(),
                        config.name() + ": " + plugged.kind().noun + " '" + plugged.id()
                                + "' was not released by the server");
            } else if (!reply.errorClass().equals("DeviceNotFound")) {
                reply.orThrow(config.name());
            }
        }
        QmpReply freed = plugged instanceof Plugged.Disk disk
                ? client.call("chardev-remove", QmpClient.args().put("id", disk.chardevId()))
                : client.call("netdev_del", QmpClient.args().put("id", ((Plugged.Nic) plugged).netdevId()));
        if (!freed.ok()) {
            LOG.debug("{}: freeing the backend of {}: {}", config.name(), plugged.id(), freed.errorDescription());
        }
    }

    /** Ends the QEMU this machine owns (tests, daemon shutdown) and the edges thread. */
    @Override
    public synchronized void close() {
        LifelineProcess running = process;
        if (running != null) {
            running.kill(KILL_GRACE);
            exited(running);
        }
        QmpClient client = qmp;
        if (client != null) {
            client.close();
        }
        disks.close();
        edges.shutdown();
    }
}
