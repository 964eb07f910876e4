package org.metalvirt.shim.domain;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.SystemIdentity;

/** Simulated servers of a given size for the domain service's tests, and domains to define on them. */
final class SimNodes {

    private SimNodes() {}

    /** A {@code sim} node of {@code cpus} and {@code memoryGiB}, its board's state under {@code state}. */
    static NodeDriver node(String name, int cpus, long memoryGiB, Path state, Map<String, String> options) {
        NodeInventory inventory = NodeInventory.symmetric(
                "x86_64",
                new CpuTopology("Intel", "m", 2000, 1, cpus, 1),
                1,
                memoryGiB * 1024 * 1024,
                new SystemIdentity(UUID.randomUUID(), "m", "p", "s", "b", "1"));
        return NodeBackend.named("sim").create(new NodeSpec(name, inventory, options, state.resolve("nodes")));
    }

    /** As above, powering on in 20 ms and its OS shutting down in 50. */
    static NodeDriver fast(String name, int cpus, long memoryGiB, Path state) {
        return node(name, cpus, memoryGiB, state, Map.of("powerOnMillis", "20", "osShutdownMillis", "50"));
    }

    /** A domain's XML, bound to {@code node} by its metadata unless null. */
    static String xml(String name, int vcpus, int memoryGiB, String node) {
        String metadata = node == null
                ? ""
                : "<metadata><mv:node xmlns:mv='https://metalvirt.org/xmlns/domain/1'>" + node
                        + "</mv:node></metadata>";
        return "<domain type='kvm'><name>" + name + "</name><memory unit='GiB'>" + memoryGiB + "</memory><vcpu>" + vcpus
                + "</vcpu><os><type>hvm</type></os>" + metadata + "</domain>";
    }
}
