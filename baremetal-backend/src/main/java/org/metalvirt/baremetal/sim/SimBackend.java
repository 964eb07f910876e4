package org.metalvirt.baremetal.sim;

import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeSpec;

/**
 * The {@code sim} backend: each node is a {@link SimulatedServer} with power, boot order,
 * virtio-blk disks and VFs, and a serial console ({@link SimConsole}). Options are those of {@link SimOptions}:
 * {@code powerOnMillis}, {@code osShutdownMillis}, {@code osHangs}, {@code hardOffMillis},
 * {@code resetMillis}, {@code confirmTimeoutMillis}, {@code maxDisks}, {@code maxVfs},
 * {@code startOn}. The board's power outlives the daemon (see {@link BoardMemory}).
 */
public final class SimBackend implements NodeBackend {

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public NodeDriver create(NodeSpec spec) {
        SimOptions options = SimOptions.bind(spec.options());
        BoardMemory memory = new BoardMemory(spec.stateDir(), spec.name());
        SimulatedServer server = new SimulatedServer(spec.name(), options.timings(), options.on() || memory.wasOn());
        server.addListener(memory);
        SimPowerControl power = options.confirmTimeout()
                .map(timeout -> new SimPowerControl(server, timeout))
                .orElseGet(() -> new SimPowerControl(server));
        return NodeDriver.inventoryOnly(spec.name(), spec::inventory)
                .withPower(power)
                .withBoot(new SimBootControl())
                .withStorage(new SimBlockStorage(spec.name(), options.disks()))
                .withNetwork(new SimNetworkAttachment(spec.name(), options.vfs()))
                .withConsole(new SimConsole(server))
                .withHostStatistics(new SimHostStatistics(server, spec.inventory()));
    }
}
