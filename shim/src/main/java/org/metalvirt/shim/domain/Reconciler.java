package org.metalvirt.shim.domain;

import static org.metalvirt.shim.domain.DomainTable.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;
import org.metalvirt.shim.objects.ObjectJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings domains in line with what their nodes confirm, whenever a node reports a change, on a
 * poll, and at start-up. The only place a state changes without anybody having asked for it.
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final DomainTable table;

    Reconciler(DomainTable table) {
        this.table = table;
    }

    /**
     * Brings the domains of a node in line with its confirmed power: an active domain whose
     * server went off is shut off; a server found on with no active domain gives its only domain
     * a fresh id; an unreadable state is reported as no state, never as off.
     */
    void reconcile(String nodeName) {
        Optional<DomainRecord> candidate = table.activeOn(nodeName).or(() -> onlyDomainOf(nodeName));
        if (candidate.isEmpty()) {
            return;
        }
        table.job(candidate.get().uuid(), DomainJob.RECONCILE, job -> {
            // Read under the lock: an operation that held it has changed the power since.
            apply(job, confirmedPower(table.node(nodeName)));
            return null;
        });
    }

    /**
     * The poll's visit to a node: its power read once. With no job on its domain the reading
     * brings the domain in line, under the lock; while a job runs (a start confirming, a reboot
     * waiting for the OS) the read only goes to the node's listeners — what the job may be
     * waiting for — and the job's end, or the next poll, settles the domain.
     */
    void poll(String nodeName) {
        Optional<DomainRecord> candidate = table.activeOn(nodeName).or(() -> onlyDomainOf(nodeName));
        if (candidate.isEmpty()) {
            return;
        }
        Optional<Boolean> done = table.jobIfFree(candidate.get().uuid(), DomainJob.RECONCILE, job -> {
            apply(job, confirmedPower(table.node(nodeName)));
            return true;
        });
        if (done.isEmpty()) {
            confirmedPower(table.node(nodeName));
        }
    }

    /** Brings the domain of {@code job} in line with its node's confirmed {@code power}. */
    void apply(ObjectJob<DomainRecord, DomainEvent> job, PowerState power) {
        DomainRecord record = job.record();
        String nodeName = record.node();
        if (!record.active()) {
            if (power == PowerState.ON && table.activeOn(nodeName).isEmpty()) {
                int id = table.nextId();
                LOG.info("domain '{}': node {} was powered on out of band; id {}", record.name(), nodeName, id);
                table.outOfBand(nodeName, power);
                DomainDefinition definition = record.inactiveDefinition();
                Map<String, String> addresses =
                        CardDevices.attachAll(table.node(nodeName), table.livePlan(nodeName, definition, true));
                job.publish(lifecycle(
                        job.commit(record.started(id, definition, DomainStatus.RUNNING_UNKNOWN, addresses)),
                        DomainEvent.Started.BOOTED));
            }
            return;
        }
        if (power == PowerState.UNKNOWN) {
            if (!record.status().equals(DomainStatus.NOSTATE)) {
                job.commit(record.in(DomainStatus.NOSTATE));
            }
            return;
        }
        boolean on = power == PowerState.ON;
        if (record.status().equals(DomainStatus.PAUSED_STARTING_UP)) {
            // Seen only after a restart: the start that pressed the button ended with the old daemon.
            if (on) {
                job.publish(lifecycle(job.commit(record.in(DomainStatus.RUNNING_BOOTED)), DomainEvent.Started.BOOTED));
            } else {
                LOG.info("domain '{}': its start did not complete, node {} is off", record.name(), nodeName);
                table.stop(job, DomainStatus.SHUTOFF_FAILED, DomainEvent.Stopped.FAILED);
            }
        } else if (record.status().state() == DomainState.PAUSED) {
            // Prepared and waiting for a resume: its power is off by design. Powered on at the
            // server, it is resumed as QEMU's driver reports a guest resumed from elsewhere.
            if (on) {
                table.outOfBand(nodeName, power);
                job.publish(
                        lifecycle(job.commit(record.in(DomainStatus.RUNNING_UNPAUSED)), DomainEvent.Resumed.UNPAUSED));
            }
        } else if (!on) {
            poweredOff(job);
        } else if (record.status().equals(DomainStatus.NOSTATE)) {
            job.commit(record.in(DomainStatus.RUNNING_UNKNOWN));
        }
    }

    /**
     * The server is off: SHUTDOWN then STOPPED, as QEMU's driver emits them when its guest powers
     * off. QEMU says FINISHED when it cannot tell who started the shutdown; the hardware never
     * tells, so FINISHED when it was asked for here, GUEST when the OS (or someone at the server)
     * did it.
     */
    private void poweredOff(ObjectJob<DomainRecord, DomainEvent> job) {
        DomainRecord record = job.record();
        LOG.info(
                "domain '{}': node {} is off{}",
                record.name(),
                record.node(),
                record.shutdownRequested() ? " after the shutdown asked for" : "");
        if (!record.shutdownRequested()) {
            table.outOfBand(record.node(), PowerState.OFF);
        }
        job.publish(lifecycle(
                record, record.shutdownRequested() ? DomainEvent.Shutdown.FINISHED : DomainEvent.Shutdown.GUEST));
        table.stop(job, DomainStatus.SHUTOFF_SHUTDOWN, DomainEvent.Stopped.SHUTDOWN);
    }

    /** A node without power control is as good as off: nothing can have turned it on. */
    static PowerState confirmedPower(NodeDriver node) {
        try {
            return node.power().state();
        } catch (VirtException e) {
            return e.number() == ErrorNumber.NO_SUPPORT ? PowerState.OFF : PowerState.UNKNOWN;
        }
    }

    /** The one domain bound to a node, which a server found on must be running. */
    private Optional<DomainRecord> onlyDomainOf(String nodeName) {
        List<DomainRecord> bound = table.boundTo(nodeName);
        if (bound.size() > 1 && confirmedPower(table.node(nodeName)) == PowerState.ON) {
            LOG.warn(
                    "node {} is powered on, but {} domains are bound to it and none is active", nodeName, bound.size());
        }
        return bound.size() == 1 ? Optional.of(bound.get(0)) : Optional.empty();
    }

    /**
     * Gives back to a running server's card what the card no longer has — after a card restart,
     * or a disk service that started empty with the daemon — so the card matches the live XML.
     */
    void restoreCard(String nodeName) {
        Optional<DomainRecord> active = table.activeOn(nodeName);
        if (active.isEmpty()) {
            return;
        }
        try {
            table.job(active.get().uuid(), DomainJob.RESTORE, job -> {
                DomainRecord record = job.record();
                NodeDriver node = table.node(nodeName);
                Map<String, String> addresses = CardDevices.restore(
                        node, table.livePlan(nodeName, record.live().orElseThrow(), true), record.addresses());
                if (!addresses.equals(record.addresses())) {
                    LOG.info("domain '{}': gave node {} back its devices", record.name(), nodeName);
                    job.commit(record.withLive(record.live().orElseThrow(), addresses));
                }
                return null;
            });
        } catch (VirtException e) {
            LOG.warn("node {}: cannot give the card back its devices: {}", nodeName, e.getMessage());
        }
    }

    void reconcileQuietly(String nodeName) {
        quietly(nodeName, () -> reconcile(nodeName));
    }

    void pollQuietly(String nodeName) {
        quietly(nodeName, () -> poll(nodeName));
    }

    private static void quietly(String nodeName, Runnable reconciliation) {
        try {
            reconciliation.run();
        } catch (VirtException e) {
            if (e.number() == ErrorNumber.NO_DOMAIN) {
                LOG.debug("node {}: its domain went away while reconciling", nodeName);
            } else if (Thread.currentThread().isInterrupted()) {
                LOG.debug("node {}: reconciliation stopped, the daemon is closing", nodeName);
            } else {
                LOG.warn("cannot reconcile node {}: {}", nodeName, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot reconcile node {}", nodeName, e);
        }
    }
}
