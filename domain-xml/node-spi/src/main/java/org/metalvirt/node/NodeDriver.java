package org.metalvirt.node;

import java.util.Objects;

/**
 * One bare-metal server as the daemon drives it: a name and the capabilities its backend
 * provides. Capabilities are composed, as Ironic composes hardware interfaces, so one server may
 * take its power from GPIO lines and its disks from the SmartNIC while another uses a BMC. A
 * capability the backend lacks is a null object answering "not supported", never {@code null}.
 */
public record NodeDriver(
        String name,
        Inventory inventory,
        PowerControl power,
        BootControl boot,
        BlockStorage storage,
        NetworkAttachment network,
        ConsoleAccess console,
        DeviceCounters counters,
        HostStatistics hostStatistics)
        implements AutoCloseable {

    public NodeDriver {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(hostStatistics, "hostStatistics");
    }

    /** A node that can only describe itself; add capabilities with the {@code with…} methods. */
    public static NodeDriver inventoryOnly(String name, Inventory inventory) {
        Unsupported none = Unsupported.INSTANCE;
        return new NodeDriver(name, inventory, none, none, none, none, none, none, none);
    }

    public NodeDriver withInventory(Inventory inventory) {
        return new NodeDriver(name, inventory, power, boot, storage, network, console, counters, hostStatistics);
    }

    public NodeDriver withPower(PowerControl power) {
        return new NodeDriver(name, inventory, power, boot, storage, network, console, counters, hostStatistics);
    }

    public NodeDriver withBoot(BootControl boot) {
        return new NodeDriver(name, inventory, power, boot, storage, network, console, counters, hostStatistics);
    }

    public NodeDriver withStorage(BlockStorage storage) {
        return new NodeDriver(name, inventory, power, boot, storage, network, console, counters, hostStatistics);
    }

    public NodeDriver withNetwork(NetworkAttachment network) {
        return new NodeDriver(name, inventory, power, boot, storage, network, console, counters, hostStatistics);
    }

    public NodeDriver withConsole(ConsoleAccess console) {
        return new NodeDriver(name, inventory, power, boot, storage, network, console, counters, hostStatistics);
    }

    public NodeDriver withCounters(DeviceCounters counters) {
        return new NodeDriver(name, inventory, power, boot, storage, network, console, counters, hostStatistics);
    }

    public NodeDriver withHostStatistics(HostStatistics hostStatistics) {
        return new NodeDriver(name, inventory, power, boot, storage, network, console, counters, hostStatistics);
    }

    /**
     * Releases what the capabilities hold (watch threads, processes, sockets), each once, even
     * when one object provides several capabilities. The daemon calls it when it stops.
     */
    @Override
    public void close() {
        java.util.Set<Object> closed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Object capability :
                java.util.List.of(inventory, power, boot, storage, network, console, counters, hostStatistics)) {
            if (capability instanceof AutoCloseable closeable && closed.add(capability)) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Stopping: nothing more to do about a capability that fails to let go.
                }
            }
        }
    }
}
