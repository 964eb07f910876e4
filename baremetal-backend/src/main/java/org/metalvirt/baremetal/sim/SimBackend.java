package org.metalvirt.baremetal.sim;

import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeSpec;

/**
 * The {@code sim} backend: each node is a {@link SimulatedServer} with power, boot order,
 * virtio-blk disks and VFs; no serial console. Options are those of {@link SimOptions#KNOWN}:
 * {@code powerOnMillis}, {@code osShutdownMillis}, {@code osHangs}, {@code hardOffMillis},
 * {@code resetMillis}, {@code confirmTimeoutMillis}, {@code maxDisks}, {@code maxVfs},
 * {@code startOn}.
 */
public final class SimBackend implements NodeBackend {

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public NodeDriver create(NodeSpec spec) {
        SimOptions options = SimOptions.parse(spec.options());
        SimulatedServer server = new SimulatedServer(spec.name(), options.timings(), options.startOn());
        SimPowerControl power = options.confirmTimeout()
                .map(timeout -> new SimPowerControl(server, timeout))
                .orElseGet(() -> new SimPowerControl(server));
        return NodeDriver.inventoryOnly(spec.name(), spec::inventory)
                .withPower(power)
                .withBoot(new SimBootControl())
                .withStorage(new SimBlockStorage(spec.name(), options.maxDisks()))
                .withNetwork(new SimNetworkAttachment(spec.name(), options.maxVfs()));
    }
}
