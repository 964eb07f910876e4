package org.metalvirt.baremetal.smartnic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.metalvirt.baremetal.qmp.EventWait;
import org.metalvirt.baremetal.qmp.QmpClient;
import org.metalvirt.baremetal.qmp.QmpReply;
import org.metalvirt.error.Failures;
import org.metalvirt.node.DiskCredentials;
import org.metalvirt.node.VirtioBlkDisk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * virtio-blk through {@code qemu-storage-daemon}, driven over QMP as SPDK is over JSON-RPC: the
 * volume is a block node ({@code blockdev-add}, see {@link Blockdevs}), exported as
 * {@code vhost-user-blk} on the Unix socket of its function's slot ({@code vblk<slot>.sock}), which
 * the card's virtio-blk emulation of that function connects to (in the QEMU testbed, the server's
 * {@code vhost-user-blk-pci} device). Removal deletes the export, then the node.
 *
 * <p>The daemon is started on first use and again whenever it is found dead, and every export it
 * had is added again (same node names, same sockets), so front ends that reconnect find their disks
 * back. Its death is noticed as it happens, not at the next call.
 */
public final class StorageDaemonProvider implements VirtioBlkProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageDaemonProvider.class);
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(1);
    private static final int MAX_RESTARTS = 5;

    private final String node;
    private final StorageDaemon daemon;
    private final Path dir;
    private final Duration timeout;
    private final String initiatorIqn;
    /** What the daemon must export, by export id: the exports to add again after a restart. */
    private final Map<String, Live> live = new TreeMap<>();

    private boolean closed;
    /** When the daemon was last started again after dying; a daemon that keeps dying is left dead. */
    private final Deque<Long> restarts = new ArrayDeque<>();

    /** An export; {@code size} is a file volume's size when exported (-1 otherwise), what it must not shrink below. */
    private record Live(int slot, VirtioBlkDisk disk, String nodeName, long size) {}

    /**
     * @param dir          the daemon's directory: its QMP socket, pid file and log, and the export sockets
     * @param timeout      bound of its start and of each QMP command
     * @param initiatorIqn the card's iSCSI initiator name
     */
    public StorageDaemonProvider(String node, String binary, Path dir, Duration timeout, String initiatorIqn) {
        this.node = node;
        this.dir = dir;
        this.timeout = timeout;
        this.initiatorIqn = initiatorIqn;
        this.daemon = new StorageDaemon(node + "/storaged", binary, dir, timeout);
    }

    /** The vhost-user socket of the function in {@code slot}, where its front end connects. */
    public Path socket(int slot) {
        return dir.resolve("vblk" + slot + ".sock");
    }

    /** The daemon's pid file (tests end it as a crash would). */
    public Path pidFile() {
        return dir.resolve("qsd.pid");
    }

    @Override
    public synchronized Exposed expose(int slot, VirtioBlkDisk disk) {
        Volumes.credentials(disk); // a named secret must have been resolved
        String export = "vblk" + slot;
        if (live.containsKey(export)) {
            throw Failures.invalid("function " + slot + " of node " + node + " already exports a disk");
        }
        Live added = new Live(slot, disk, Volumes.name("mv_", disk.id()), VolumeProbe.size(disk));
        QmpClient qmp = running();
        add(qmp, export, added);
        live.put(export, added);
        return new Exposed(slot, disk.protocol(), added.nodeName(), export);
    }

    /** Only what this provider exported: its daemon ends with metalvirtd and starts empty. */
    @Override
    public synchronized boolean exports(Exposed exposed) {
        return exposed.device() != null && live.containsKey(exposed.device());
    }

    /** Not exported (a daemon that could not be started again), or its volume gone at the source. */
    @Override
    public Optional<String> failure(Exposed exposed) {
        Live exported;
        synchronized (this) {
            exported = live.get(exposed.device());
            if (exported == null || !daemon.running()) {
                return Optional.of("the card's storage daemon does not export it");
            }
        }
        return VolumeProbe.failure(exported.disk(), exported.size());
    }

    @Override
    public synchronized void remove(Exposed exposed) {
        live.remove(exposed.device());
        QmpClient qmp = running();
        // hard: a front end still connected is cut off, as unplugging a function cuts the server off.
        try (EventWait deleted = qmp.expect(event ->
                event.name().equals("BLOCK_EXPORT_DELETED") && event.text("id").equals(exposed.device()))) {
            QmpReply reply = qmp.call(
                    "block-export-del",
                    QmpClient.args().put("id", exposed.device()).put("mode", "hard"));
            if (reply.ok()) {
                deleted.await(timeout, node + ": export " + exposed.device());
            } else if (!gone(reply)) {
                reply.orThrow(node);
            }
        }
        // Deleting the node closes the volume: qcow2 metadata and caches are flushed, iSCSI logs out.
        QmpReply freed = qmp.call("blockdev-del", QmpClient.args().put("node-name", exposed.volume()));
        if (!freed.ok() && !gone(freed)) {
            freed.orThrow(node);
        }
        try {
            Files.deleteIfExists(socket(exposed.slot()));
        } catch (IOException e) {
            LOG.debug("{}: {}: {}", node, socket(exposed.slot()), e.getMessage());
        }
    }

    /** An export or node already gone (a daemon started again without it): nothing left to remove. */
    private static boolean gone(QmpReply reply) {
        String description = reply.errorDescription();
        return description.contains("not found") || description.contains("Failed to find");
    }

    /** Ends the daemon (daemon shutdown, tests); the server loses its disks. */
    @Override
    public synchronized void close() {
        closed = true;
        daemon.stop();
    }

    /** QMP of the daemon, started (and its exports added back) if it is not running. */
    private QmpClient running() {
        if (closed) {
            throw Failures.failed(node + ": the storage daemon is closed");
        }
        QmpClient qmp = daemon.qmp();
        if (qmp != null) {
            return qmp;
        }
        qmp = daemon.start(this::exited);
        for (Map.Entry<String, Live> entry : live.entrySet()) {
            try {
                add(qmp, entry.getKey(), entry.getValue());
                LOG.info(
                        "{}: exported disk '{}' again",
                        node,
                        entry.getValue().disk().id());
            } catch (RuntimeException e) {
                LOG.error(
                        "{}: cannot export disk '{}' again: {}",
                        node,
                        entry.getValue().disk().id(),
                        e.getMessage());
            }
        }
        return qmp;
    }

    /** The daemon ended: unless we ended it, start it again now, so the server gets its disks back. */
    private void exited() {
        synchronized (this) {
            if (closed || daemon.running()) {
                return;
            }
            long now = System.nanoTime();
            while (!restarts.isEmpty() && now - restarts.peekFirst() > RESTART_WINDOW.toNanos()) {
                restarts.removeFirst();
            }
            if (restarts.size() >= MAX_RESTARTS) {
                LOG.error(
                        "{}: qemu-storage-daemon ended {} times within {} s; not starting it again until the next "
                                + "disk change ({})",
                        node,
                        restarts.size() + 1,
                        RESTART_WINDOW.toSeconds(),
                        daemon.logTail());
                return;
            }
            restarts.addLast(now);
            LOG.warn("{}: qemu-storage-daemon ended ({}); starting it again", node, daemon.logTail());
            try {
                running();
            } catch (RuntimeException e) {
                LOG.error("{}: cannot start qemu-storage-daemon again: {}", node, e.getMessage());
            }
        }
    }

    private void add(QmpClient qmp, String export, Live added) {
        String secret = "sec_" + added.nodeName();
        Optional<DiskCredentials> credentials = added.disk().credentials();
        if (credentials.isPresent()) {
            // Over the QMP socket only: never argv, never a log line, never a file left behind.
            qmp.execute(
                    "object-add",
                    QmpClient.args()
                            .put("qom-type", "secret")
                            .put("id", secret)
                            .put("format", "base64")
                            // The value's bytes: QEMU reads a CHAP password as text, a Ceph key as base64.
                            .put("data", credentials.get().base64()));
        }
        try {
            qmp.execute("blockdev-add", Blockdevs.of(added.nodeName(), added.disk(), initiatorIqn, secret));
        } finally {
            if (credentials.isPresent()) {
                // The block node keeps what it logged in or connected with; the secret object is not needed.
                qmp.call("object-del", QmpClient.args().put("id", secret));
            }
        }
        ObjectNode args = QmpClient.args()
                .put("type", "vhost-user-blk")
                .put("id", export)
                .put("node-name", added.nodeName())
                .put("writable", !added.disk().readOnly());
        args.putObject("addr")
                .put("type", "unix")
                .put("path", socket(added.slot()).toString());
        QmpReply exported = qmp.call("block-export-add", args);
        if (!exported.ok()) {
            qmp.call("blockdev-del", QmpClient.args().put("node-name", added.nodeName()));
            exported.orThrow(node);
        }
    }
}
