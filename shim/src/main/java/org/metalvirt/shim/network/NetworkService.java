package org.metalvirt.shim.network;

import static org.metalvirt.error.ErrorDomain.NETWORK;
import static org.metalvirt.error.Failures.invalid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.metalvirt.domainxml.Device;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.networkxml.NetworkDefinition;
import org.metalvirt.networkxml.NetworkXml;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.SriovNic;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.NetworkPorts;
import org.metalvirt.shim.network.NetworkEvent.Type;
import org.metalvirt.shim.objects.AutostartMarker;
import org.metalvirt.shim.objects.ObjectKind;
import org.metalvirt.shim.objects.ObjectTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's network driver for the card's SR-IOV pools: define, start, stop and undefine
 * networks whose VFs are those of a PF of the card's NIC, as the node's inventory reads them now
 * (a VF gone from sysfs is in no pool). A network holds no VFs itself: a domain's interface takes
 * one when it starts or is attached, and the network counts the interfaces holding one.
 */
public final class NetworkService implements NetworkPorts {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkService.class);
    private static final ObjectKind NETWORKS = new ObjectKind("network", NETWORK, Failures::noNetwork);

    private final List<NodeDriver> nodes;
    private final ObjectTable<NetworkRecord, NetworkEvent> objects;

    private NetworkService(List<NodeDriver> nodes, ObjectTable<NetworkRecord, NetworkEvent> objects) {
        this.nodes = List.copyOf(nodes);
        this.objects = objects;
    }

    /**
     * Loads the networks defined under {@code stateDir} — at the first start, defines {@code seeds}
     * — active as {@code runtimeDir} says (all inactive after a reboot of the card), and starts
     * those marked autostart, as libvirt's network driver does: once per boot of the card, marked
     * in {@code runtimeDir}'s {@code networks/} (a daemon restarted leaves a network an operator
     * stopped stopped).
     */
    public static NetworkService open(
            List<NodeDriver> nodes,
            Path stateDir,
            Path runtimeDir,
            List<NetworkSeed> seeds,
            Consumer<? super NetworkEvent> events,
            Duration lockTimeout) {
        NetworkStore store = new NetworkStore(stateDir, runtimeDir);
        NetworkService service =
                new NetworkService(nodes, new ObjectTable<>(NETWORKS, store, store.load(), events, lockTimeout));
        if (store.fresh()) {
            for (NetworkSeed seed : seeds) {
                NetworkRecord record = service.define(seed.xml());
                if (seed.autostart()) {
                    service.setAutostart(record.uuid(), true);
                }
            }
        }
        if (!AutostartMarker.firstSinceBoot(runtimeDir.resolve("networks"))) {
            LOG.info("networks were autostarted already since the card booted");
            return service;
        }
        for (NetworkRecord record : service.list()) {
            if (record.autostart() && !record.active()) {
                try {
                    service.start(record.uuid());
                } catch (VirtException e) {
                    LOG.warn("cannot autostart network '{}': {}", record.name(), e.getMessage());
                }
            }
        }
        return service;
    }

    /** The networks one PF each of the nodes' NICs gives at a first start without configured ones. */
    public static List<NetworkSeed> seedsFromPfs(List<NodeDriver> nodes) {
        List<String> pfs = nodes.stream()
                .flatMap(node -> node.inventory().read().nics().stream())
                .map(SriovNic::pf)
                .distinct()
                .toList();
        return java.util.stream.IntStream.range(0, pfs.size())
                .mapToObj(i ->
                        new NetworkSeed("physnet" + (i + 1), pfs.get(i), NetworkDefinition.ForwardMode.HOSTDEV, true))
                .toList();
    }

    public List<NetworkRecord> list() {
        return objects.all();
    }

    public NetworkRecord lookup(UUID uuid) {
        return objects.get(uuid);
    }

    public NetworkRecord lookupByName(String name) {
        return objects.byName(name);
    }

    /** Defines a network, or replaces the persistent definition of the one with its name and UUID. */
    public NetworkRecord define(String xml) {
        NetworkDefinition definition = NetworkXml.parse(xml);
        boolean added = objects.exclusively(() -> {
            if (objects.existing(definition.uuid(), definition.name()).isPresent()) {
                return false;
            }
            objects.add(NetworkRecord.defined(definition, false), false);
            return true;
        });
        return objects.job(definition.uuid(), NetworkJob.DEFINE_XML, job -> {
            NetworkRecord record =
                    added ? job.record() : job.commit(job.record().withConfig(Optional.of(definition)));
            LOG.info("defined network '{}' ({}) on PF {}", record.name(), record.uuid(), definition.pf());
            job.publish(NetworkEvent.of(record, Type.DEFINED));
            return record;
        });
    }

    /** Starts a defined network: its pool must have a VF somewhere, as libvirt's must at start. */
    public NetworkRecord start(UUID uuid) {
        return objects.job(uuid, NetworkJob.CREATE, job -> {
            if (job.record().active()) {
                throw invalid(NETWORK, "network is already active");
            }
            requireVfs(job.record().definition());
            NetworkRecord started = job.commit(job.record().started());
            LOG.info("started network '{}'", started.name());
            job.publish(NetworkEvent.of(started, Type.STARTED));
            return started;
        });
    }

    /** A transient network, started from XML; gone once destroyed. */
    public NetworkRecord createTransient(String xml) {
        NetworkDefinition definition = NetworkXml.parse(xml);
        requireVfs(definition);
        NetworkRecord record = objects.exclusively(() -> {
            objects.existing(definition.uuid(), definition.name()).ifPresent(other -> {
                throw Failures.failed(
                        NETWORK, "network '" + other.name() + "' already exists with uuid " + other.uuid());
            });
            return objects.add(NetworkRecord.transientlyStarted(definition), false);
        });
        return objects.job(record.uuid(), NetworkJob.CREATE, job -> {
            job.publish(NetworkEvent.of(job.record(), Type.STARTED));
            return job.record();
        });
    }

    /** Stops the network; interfaces holding its VFs keep them until they are detached. */
    public void destroy(UUID uuid) {
        objects.job(uuid, NetworkJob.DESTROY, job -> {
            NetworkRecord record = job.record();
            if (!record.active()) {
                throw invalid(NETWORK, "network '" + record.name() + "' is not active");
            }
            if (record.persistent()) {
                job.commit(record.stopped());
            } else {
                job.remove();
            }
            LOG.info("stopped network '{}'", record.name());
            job.publish(NetworkEvent.of(record, Type.STOPPED));
            return null;
        });
    }

    /** Removes the persistent definition: an inactive network is gone, an active one becomes transient. */
    public void undefine(UUID uuid) {
        objects.job(uuid, NetworkJob.UNDEFINE, job -> {
            NetworkRecord record = job.record();
            if (!record.persistent()) {
                throw invalid(NETWORK, "can't undefine transient network");
            }
            if (record.active()) {
                job.commit(record.withConfig(Optional.empty()));
            } else {
                job.remove();
            }
            LOG.info("undefined network '{}'", record.name());
            job.publish(NetworkEvent.of(record, Type.UNDEFINED));
            return null;
        });
    }

    public void setAutostart(UUID uuid, boolean autostart) {
        objects.job(uuid, NetworkJob.SET_AUTOSTART, job -> {
            if (!job.record().persistent()) {
                throw invalid(NETWORK, "cannot set autostart for transient network");
            }
            return job.commit(job.record().withAutostart(autostart));
        });
    }

    /**
     * The network's XML: with {@code inactive}, or while inactive, its persistent definition;
     * else the live one with its pool and the interfaces of {@code domains} holding its VFs.
     */
    public String xml(NetworkRecord record, boolean inactive, Collection<DomainRecord> domains) {
        if (inactive || !record.active()) {
            return NetworkXml.format(record.config().orElseGet(record.live()::orElseThrow), Optional.empty());
        }
        NetworkDefinition live = record.live().orElseThrow();
        List<String> pool = nodes.stream()
                .flatMap(node -> vfsOf(live.pf(), node).stream())
                .distinct()
                .toList();
        return NetworkXml.format(live, Optional.of(new NetworkXml.Pool(pool, connections(record.name(), domains))));
    }

    /** The interfaces of active domains that hold a VF of the network. */
    static int connections(String network, Collection<DomainRecord> domains) {
        return (int) domains.stream()
                .filter(DomainRecord::active)
                .flatMap(domain -> domain.live().orElseThrow().devices().stream())
                .filter(device -> device instanceof Device.Interface nic
                        && nic.type().equals("network")
                        && nic.source().orElse("").equals(network))
                .count();
    }

    @Override
    public List<String> pool(String network, NodeDriver node) {
        NetworkRecord record = lookupByName(network);
        if (!record.active()) {
            throw invalid(NETWORK, "network '" + network + "' is not active");
        }
        return vfsOf(record.definition().pf(), node);
    }

    private void requireVfs(NetworkDefinition definition) {
        if (nodes.stream().allMatch(node -> vfsOf(definition.pf(), node).isEmpty())) {
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR,
                    NETWORK,
                    "internal error: No usable Vf's present on SRIOV PF " + definition.pf());
        }
    }

    /** The PCI addresses of the PF's VFs on the node, as its inventory reads them now. */
    private static List<String> vfsOf(String pf, NodeDriver node) {
        return node.inventory().read().nics().stream()
                .filter(nic -> nic.pf().equals(pf))
                .flatMap(nic -> nic.vfs().stream())
                .map(SriovNic.Vf::pciAddress)
                .toList();
    }

    /** At the daemon's stop: every change is durable already; the store writes its journal out. */
    public void close() {
        objects.close();
    }
}
