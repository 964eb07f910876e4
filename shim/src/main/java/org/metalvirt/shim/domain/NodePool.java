package org.metalvirt.shim.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;

/**
 * The servers of this daemon and the rule that binds a domain to one of them at define time:
 * the node its metadata names, else — on a daemon with one node, that node — the first node
 * that fits its vCPUs and memory and has no domain bound yet, else the first that fits. A domain
 * that fits no node is refused. One domain at a time is active on a node.
 */
public final class NodePool {

    private final Map<String, NodeDriver> nodes = new LinkedHashMap<>();

    public NodePool(List<NodeDriver> drivers) {
        if (drivers.isEmpty()) {
            throw new IllegalArgumentException("a daemon manages at least one node");
        }
        drivers.forEach(driver -> nodes.put(driver.name(), driver));
    }

    NodeDriver node(String name) {
        NodeDriver driver = nodes.get(name);
        if (driver == null) {
            throw new VirtException(
                    ErrorNumber.CONFIG_UNSUPPORTED,
                    ErrorDomain.DOMAIN,
                    "unsupported configuration: node '" + name + "' is not managed by this daemon");
        }
        return driver;
    }

    Collection<NodeDriver> all() {
        return nodes.values();
    }

    String first() {
        return nodes.keySet().iterator().next();
    }

    /**
     * The node a newly defined domain binds to, {@code hasDomains} telling which nodes have one
     * bound already or being defined (asked of the table's node index only where several nodes
     * fit: not a scan of every domain at every define).
     */
    String bind(DomainDefinition definition, Predicate<String> hasDomains) {
        Optional<String> named = definition.node();
        // A named node, or the only one, is checked with the whole plan once bound.
        if (named.isPresent()) {
            return node(named.get()).name();
        }
        if (nodes.size() == 1) {
            return first();
        }
        List<NodeDriver> fitting = nodes.values().stream()
                .filter(driver -> misfit(definition, driver).isEmpty())
                .toList();
        if (fitting.isEmpty()) {
            throw new VirtException(
                    ErrorNumber.CONFIG_UNSUPPORTED,
                    ErrorDomain.DOMAIN,
                    "unsupported configuration: no node fits domain '" + definition.name() + "' ("
                            + definition.maxVcpus() + " vCPUs, " + definition.memoryKiB() + " KiB)");
        }
        return fitting.stream()
                .filter(driver -> !hasDomains.test(driver.name()))
                .findFirst()
                .orElse(fitting.get(0))
                .name();
    }

    private static Optional<String> misfit(DomainDefinition definition, NodeDriver driver) {
        NodeInventory inventory = driver.inventory().read();
        if (definition.maxVcpus() > inventory.cpu().logicalCpus()) {
            return Optional.of("<vcpu> " + definition.maxVcpus() + " exceeds the "
                    + inventory.cpu().logicalCpus() + " CPUs of node '" + driver.name() + "'");
        }
        if (definition.memoryKiB() > inventory.memoryKiB()) {
            return Optional.of("<memory> " + definition.memoryKiB() + " KiB exceeds the " + inventory.memoryKiB()
                    + " KiB of node '" + driver.name() + "'");
        }
        return Optional.empty();
    }
}
