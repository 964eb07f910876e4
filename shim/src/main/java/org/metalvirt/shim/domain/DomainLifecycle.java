package org.metalvirt.shim.domain;

import static org.metalvirt.error.ErrorDomain.DOMAIN;
import static org.metalvirt.error.Failures.invalid;
import static org.metalvirt.shim.domain.DomainTable.lifecycle;
import static org.metalvirt.shim.domain.DomainTable.requireActive;
import static org.metalvirt.shim.domain.DomainTable.requireRunning;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.domainxml.DomainXml;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;
import org.metalvirt.shim.objects.ObjectJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Power: start, shutdown, destroy, reboot, reset, NMI, resume, suspend. Every state comes from
 * what the hardware confirms.
 */
final class DomainLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DomainLifecycle.class);

    private final DomainTable table;
    private final DomainRegistry registry;
    private final Reconciler reconciler;
    private final PowerWaits powerWaits;

    DomainLifecycle(DomainTable table, DomainRegistry registry, Reconciler reconciler, PowerWaits powerWaits) {
        this.table = table;
        this.registry = registry;
        this.reconciler = reconciler;
        this.powerWaits = powerWaits;
    }

    DomainRecord start(UUID uuid, boolean paused) {
        return table.job(uuid, DomainJob.CREATE, job -> {
            DomainRecord record = job.record();
            if (record.active()) {
                throw invalid(DOMAIN, "domain is already running");
            }
            return powerUp(job, record.inactiveDefinition(), paused);
        });
    }

    DomainRecord createTransient(String xml, boolean paused) {
        DomainDefinition definition = DomainXml.parse(xml);
        registry.existingOrAdd(definition, false, true);
        return table.job(definition.uuid(), DomainJob.CREATE_XML, job -> {
            DomainRecord record = job.record();
            if (record.active()) {
                throw invalid(DOMAIN, "domain '" + record.name() + "' is already active");
            }
            try {
                return powerUp(job, definition, paused);
            } catch (RuntimeException e) {
                if (!job.record().persistent()) {
                    job.remove();
                }
                throw e;
            }
        });
    }

    /**
     * Prepares the server — boot order, then the card's disks and VFs — and, unless
     * {@code paused}, powers it on. A failure takes back what was prepared.
     */
    private DomainRecord powerUp(
            ObjectJob<DomainRecord, DomainEvent> job, DomainDefinition definition, boolean paused) {
        DomainRecord record = job.record();
        table.activeOn(record.node())
                .filter(other -> !other.uuid().equals(record.uuid()))
                .ifPresent(other -> {
                    throw invalid(DOMAIN, "node '" + record.node() + "' is in use by domain '" + other.name() + "'");
                });
        NodeDriver node = table.node(record.node());
        NodePlan plan = table.livePlan(record.node(), definition, true);
        table.checkNetworks(record.node(), Optional.empty(), definition);
        ServerBoot.apply(node, plan);
        Map<String, String> addresses = CardDevices.attachAll(node, plan);
        int id = table.nextId();
        if (paused) {
            DomainRecord prepared = job.commit(record.started(id, definition, DomainStatus.PAUSED_USER, addresses));
            table.poweredUpWith(record.uuid(), definition, plan);
            job.publish(lifecycle(prepared, DomainEvent.Started.BOOTED));
            job.publish(lifecycle(prepared, DomainEvent.Suspended.PAUSED));
            return prepared;
        }
        DomainRecord starting;
        try {
            // Active from the press on, as a QEMU domain is while its process starts: paused, starting up.
            starting = job.commit(record.started(id, definition, DomainStatus.PAUSED_STARTING_UP, addresses));
            powerWaits.causing(node.name(), PowerState.ON, node.power()::powerOn);
        } catch (RuntimeException e) {
            abandonStart(job, record, node, plan, e);
            throw e;
        }
        table.poweredUpWith(record.uuid(), definition, plan);
        DomainRecord started = job.commit(starting.in(DomainStatus.RUNNING_BOOTED));
        LOG.info("started domain '{}' with id {} on node {}", started.name(), id, node.name());
        job.publish(lifecycle(started, DomainEvent.Started.BOOTED));
        return started;
    }

    /**
     * Takes back what a start that failed had prepared. The domain is shut off with reason
     * FAILED, as QEMU's driver leaves it, and no event: its start was never announced. A transient
     * domain's caller removes it.
     */
    private static void abandonStart(
            ObjectJob<DomainRecord, DomainEvent> job,
            DomainRecord record,
            NodeDriver node,
            NodePlan plan,
            RuntimeException failure) {
        try {
            CardDevices.detachAll(node, plan);
            if (record.persistent()) {
                job.commit(record.stopped(DomainStatus.SHUTOFF_FAILED));
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Powers on a domain started paused; a running one is left as it is. */
    void resume(UUID uuid) {
        table.job(uuid, DomainJob.RESUME, job -> {
            DomainRecord record = requireActive(job.record());
            if (record.status().state() == DomainState.PAUSED) {
                NodeDriver node = table.node(record.node());
                powerWaits.causing(node.name(), PowerState.ON, node.power()::powerOn);
                job.publish(
                        lifecycle(job.commit(record.in(DomainStatus.RUNNING_UNPAUSED)), DomainEvent.Resumed.UNPAUSED));
            }
            return null;
        });
    }

    /** A server cannot be frozen once powered; a domain not yet powered already is paused. */
    void suspend(UUID uuid) {
        DomainRecord record = requireActive(registry.lookup(uuid));
        if (record.status().state() != DomainState.PAUSED) {
            throw Failures.unsupported(DOMAIN, "a powered-on bare-metal server cannot be paused");
        }
    }

    /** Forces power off, confirmed. */
    void destroy(UUID uuid) {
        table.job(uuid, DomainJob.DESTROY, job -> {
            DomainRecord record = requireActive(job.record());
            NodeDriver node = table.node(record.node());
            powerWaits.causing(node.name(), PowerState.OFF, node.power()::powerOff);
            table.stop(job, DomainStatus.SHUTOFF_DESTROYED, DomainEvent.Stopped.DESTROYED);
            return null;
        });
    }

    /**
     * Asks the OS to shut down (an ACPI power-button press) and returns. The domain stays
     * RUNNING, as a QEMU guest does, until the server is confirmed off; then it is SHUTOFF
     * (SHUTDOWN). A domain started paused has never been powered: it is shut off at once.
     */
    void shutdown(UUID uuid) {
        table.job(uuid, DomainJob.SHUTDOWN, job -> {
            DomainRecord record = requireActive(job.record());
            if (record.status().state() == DomainState.PAUSED) {
                table.stop(job, DomainStatus.SHUTOFF_SHUTDOWN, DomainEvent.Stopped.SHUTDOWN);
            } else {
                askOsToShutDown(job, table.node(record.node()));
            }
            return null;
        });
    }

    /**
     * Presses the power button of a server that is on, for its OS to shut down. Asked again while
     * the OS shuts down (Nova re-sends every few seconds), the request is accepted, and sent again
     * only where the transport says a request can never turn an off server on. A server found off
     * is shut off instead, and the call fails as it does on a stopped domain.
     */
    private DomainRecord askOsToShutDown(ObjectJob<DomainRecord, DomainEvent> job, NodeDriver node) {
        DomainRecord record = job.record();
        PowerState power = Reconciler.confirmedPower(node);
        if (power == PowerState.OFF) {
            reconciler.apply(job, power);
            throw invalid(DOMAIN, "domain is not running");
        }
        if (power == PowerState.UNKNOWN) {
            throw Failures.failed(
                    DOMAIN, "the power of node '" + node.name() + "' cannot be read: its button is not pressed");
        }
        if (!record.shutdownRequested() || node.power().shutdownRequestRepeatable()) {
            node.power().requestShutdown();
        } else {
            LOG.debug(
                    "domain '{}': its OS was asked to shut down already; node {} is not pressed again",
                    record.name(),
                    node.name());
        }
        // Saved once the request went out: one that failed must not stop the next from pressing.
        return record.shutdownRequested() ? record : job.commit(record.withShutdownRequested());
    }

    /** Graceful off, then on; returns when the server is back on. The id stays: the domain never stopped. */
    void reboot(UUID uuid) {
        table.job(uuid, DomainJob.REBOOT, job -> {
            NodeDriver node = table.node(requireRunning(job.record()).node());
            DomainRecord record = askOsToShutDown(job, node);
            // Armed after the press: the wait reads the power first, so an OFF edge in between is not lost.
            PowerWaits.Wait off = powerWaits.arm(node.name(), PowerState.OFF);
            if (!off.await(table.settings().shutdownTimeout(), node.power()::state)) {
                throw Failures.timedOut(
                        DOMAIN,
                        "the server of domain '" + record.name() + "' did not shut down within "
                                + table.settings().shutdownTimeout().toSeconds() + " s");
            }
            node.power().powerOn();
            job.publish(new DomainEvent.Reboot(DomainRef.of(job.commit(record.rebooted(DomainStatus.RUNNING_BOOTED)))));
            return null;
        });
    }

    /**
     * Pulses the reset line: the server restarts at once, power staying on, and REBOOT is
     * emitted as QEMU's driver emits it for a reset. A shutdown under way is cancelled by it.
     */
    void reset(UUID uuid) {
        table.job(uuid, DomainJob.RESET, job -> {
            DomainRecord record = requireRunning(job.record());
            table.node(record.node()).power().reset();
            DomainRecord reset = record.shutdownRequested() ? job.commit(record.rebooted(record.status())) : record;
            job.publish(new DomainEvent.Reboot(DomainRef.of(reset)));
            return null;
        });
    }

    /**
     * Sends the server an NMI. QEMU's driver sends one to any active domain, queued for a paused
     * guest's CPUs; a paused domain here is a server not (yet) powered, with no CPU to take it, so
     * only a running one is sent it, as {@link #reset} does. A server found off is shut off, and
     * the call fails as on a stopped domain. A node whose wiring or BMC has no NMI answers what
     * libvirt answers for a driver without the call.
     */
    void injectNmi(UUID uuid) {
        table.job(uuid, DomainJob.INJECT_NMI, job -> {
            NodeDriver node = table.node(requireRunning(job.record()).node());
            if (Reconciler.confirmedPower(node) == PowerState.OFF) {
                reconciler.apply(job, PowerState.OFF);
                throw invalid(DOMAIN, "domain is not running");
            }
            try {
                node.power().injectNmi();
            } catch (VirtException e) {
                if (e.number() != ErrorNumber.NO_SUPPORT) {
                    throw e;
                }
                LOG.debug("node {} cannot send an NMI: {}", node.name(), e.getMessage());
                throw new VirtException(
                        ErrorNumber.NO_SUPPORT,
                        DOMAIN,
                        "this function is not supported by the connection driver: virDomainInjectNMI",
                        e);
            }
            LOG.info("domain '{}': NMI sent to node {}", job.record().name(), node.name());
            return null;
        });
    }
}
