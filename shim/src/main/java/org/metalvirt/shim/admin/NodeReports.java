package org.metalvirt.shim.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.SriovNic;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Metalvirt;
import org.metalvirt.shim.protocol.Metalvirt.CheckResult;
import org.metalvirt.shim.protocol.Metalvirt.Property;

/**
 * What an operator sees of the daemon's nodes: each node's power as its hardware reports it now,
 * the health of the path to that hardware (the BMC answering, the GPIO lines read), the domain
 * bound to it, and a self-test that only reads.
 */
final class NodeReports {

    private final List<NodeDriver> nodes;
    private final Map<String, NodeDriver> byName = new HashMap<>();
    private final Map<String, String> backends;
    private final Supplier<DomainService> domains;
    private final LongSupplier lastPoll;

    NodeReports(
            List<NodeDriver> nodes,
            Map<String, String> backends,
            Supplier<DomainService> domains,
            LongSupplier lastPoll) {
        this.nodes = nodes;
        this.backends = backends;
        this.domains = domains;
        this.lastPoll = lastPoll;
        nodes.forEach(node -> byName.put(node.name(), node));
    }

    int count() {
        return nodes.size();
    }

    NodeDriver node(String name) {
        NodeDriver node = byName.get(name);
        if (node == null) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG, ErrorDomain.NONE, "invalid argument: no node named '" + name + "'");
        }
        return node;
    }

    /**
     * Every node's summary, in the nodes' order. Their power is read live, as many at once as the
     * poll reads ({@code domains.pollConcurrency}): a rack of BMCs is listed in the time of
     * N / pollConcurrency reads, not N.
     */
    List<Metalvirt.Node> list() {
        List<String> names = nodes.stream().map(NodeDriver::name).toList();
        return domains.get().readNodes(names, name -> summary(byName.get(name)));
    }

    Metalvirt.Node summary(NodeDriver node) {
        String power;
        String health;
        try {
            PowerState state = node.power().checkedState();
            power = state.name().toLowerCase(java.util.Locale.ROOT);
            health = state == PowerState.UNKNOWN ? "degraded: power cannot be read" : "ok";
        } catch (VirtException e) {
            power = "unknown";
            health = e.number() == ErrorNumber.NO_SUPPORT ? "no power control" : "failing: " + e.getMessage();
        } catch (RuntimeException e) {
            power = "unknown";
            health = "failing: " + e.getMessage();
        }
        Optional<DomainRecord> domain = bound(node.name());
        return new Metalvirt.Node(
                node.name(),
                backends.getOrDefault(node.name(), "unknown"),
                power,
                domain.map(DomainRecord::name),
                domain.map(record -> record.status().state().name().toLowerCase(java.util.Locale.ROOT))
                        .orElse("none"),
                lastPoll.getAsLong(),
                health);
    }

    /** The node's active domain, else the first bound to it by name; from the domains' node index. */
    Optional<DomainRecord> bound(String node) {
        return domains.get().boundTo(node).stream()
                .sorted(Comparator.comparing((DomainRecord record) -> !record.active())
                        .thenComparing(DomainRecord::name))
                .findFirst();
    }

    List<Property> inventory(NodeDriver node) {
        NodeInventory inventory = node.inventory().read();
        List<Property> properties = new ArrayList<>();
        properties.add(new Property("arch", inventory.arch()));
        properties.add(new Property(
                "cpu",
                inventory.cpu().vendor() + " " + inventory.cpu().model() + ", "
                        + inventory.cpu().mhz() + " MHz"));
        properties.add(new Property(
                "topology",
                inventory.cpu().sockets() + " sockets x " + inventory.cpu().coresPerSocket() + " cores x "
                        + inventory.cpu().threadsPerCore() + " threads"));
        properties.add(
                new Property("numa cells", Integer.toString(inventory.cells().size())));
        long memoryKiB =
                inventory.cells().stream().mapToLong(cell -> cell.memoryKiB()).sum();
        properties.add(new Property("memory", memoryKiB / 1024 + " MiB"));
        properties.add(new Property("manufacturer", inventory.system().manufacturer()));
        properties.add(new Property("product", inventory.system().product()));
        properties.add(new Property("serial", inventory.system().serial()));
        properties.add(new Property("uuid", inventory.system().uuid().toString()));
        properties.add(new Property(
                "bios",
                inventory.system().biosVendor() + " " + inventory.system().biosVersion()));
        properties.add(new Property(
                "firmware",
                inventory.firmware().modes().toString() + (inventory.firmware().secureBoot() ? ", secure boot" : "")));
        for (SriovNic nic : inventory.nics()) {
            properties.add(new Property(
                    "nic " + nic.pf(),
                    nic.vfs().size() + " of " + nic.totalVfs() + " VFs enabled, link "
                            + nic.link().state()));
        }
        return properties;
    }

    /** Reads what can be read of the node, changing nothing; each step says what it saw. */
    List<CheckResult> check(NodeDriver node) {
        List<CheckResult> results = new ArrayList<>();
        results.add(step("inventory", () -> {
            NodeInventory inventory = node.inventory().read();
            return inventory.cpu().logicalCpus() + " CPUs, " + inventory.cells().size() + " NUMA cells";
        }));
        results.add(step("power", () -> {
            // A failed read says why (the BMC's refusal, a timeout): checkedState throws it.
            PowerState state = node.power().checkedState();
            if (state == PowerState.UNKNOWN) {
                throw new IllegalStateException("the power state cannot be read");
            }
            return "reads " + state.name().toLowerCase(java.util.Locale.ROOT);
        }));
        results.add(step("vfs", () -> {
            List<SriovNic> nics = node.inventory().read().nics();
            int vfs = nics.stream().mapToInt(nic -> nic.vfs().size()).sum();
            return nics.size() + " NIC(s), " + vfs + " VF(s) enabled, "
                    + node.network().attached().size() + " attached";
        }));
        results.add(step("disks", () -> node.storage().attached().size() + " attached"));
        return results;
    }

    private interface Probe {
        String run();
    }

    private static CheckResult step(String name, Probe probe) {
        try {
            return new CheckResult(name, 1, probe.run());
        } catch (VirtException e) {
            if (e.number() == ErrorNumber.NO_SUPPORT) {
                return new CheckResult(name, 2, "not provided by this backend");
            }
            return new CheckResult(name, 0, e.getMessage());
        } catch (RuntimeException e) {
            return new CheckResult(name, 0, String.valueOf(e.getMessage()));
        }
    }
}
