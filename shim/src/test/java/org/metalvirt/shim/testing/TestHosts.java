package org.metalvirt.shim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.SystemIdentity;
import org.metalvirt.shim.dispatch.DispatchLimits;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.domain.DomainSettings;
import org.metalvirt.shim.domain.NodePool;
import org.metalvirt.shim.event.EventBus;
import org.metalvirt.shim.event.SecretEvents;
import org.metalvirt.shim.network.NetworkService;
import org.metalvirt.shim.remote.Host;
import org.metalvirt.shim.remote.RemoteDriver;
import org.metalvirt.shim.secret.SecretService;
import org.metalvirt.shim.security.SaslAuthenticator;
import org.metalvirt.shim.security.SaslSettings;
import org.metalvirt.shim.storage.StorageService;

/** A fixed server for tests: 2 sockets × 4 cores × 2 threads, 2 NUMA cells, 16 GiB. */
public final class TestHosts {

    public static final UUID SERVER_UUID = UUID.fromString("5f1e0c3a-1b2c-4d5e-8f90-0a1b2c3d4e5f");

    public static final NodeInventory SERVER = NodeInventory.symmetric(
            "x86_64",
            new CpuTopology("Intel", "Skylake-Server", 2100, 2, 4, 2),
            2,
            16L * 1024 * 1024,
            new SystemIdentity(SERVER_UUID, "Acme", "R640", "SN-0042", "Acme BIOS", "2.17.1"));

    private TestHosts() {}

    /** {@link #SERVER} as a quick {@code sim} node named node0, its board's state under {@code state}. */
    public static NodeDriver simNode(Path state) {
        return NodeBackend.named("sim")
                .create(new NodeSpec(
                        "node0",
                        SERVER,
                        Map.of("powerOnMillis", "20", "osShutdownMillis", "50"),
                        state.resolve("nodes")));
    }

    public static Host host() {
        return new Host("card-7", List.of(NodeDriver.inventoryOnly("node0", () -> SERVER)));
    }

    /** The REMOTE driver table over {@link #host()}, its domains kept in a fresh temporary directory. */
    public static DriverTable table() {
        try {
            Host host = host();
            EventBus events = new EventBus(DispatchLimits.DEFAULT.maxQueuedEvents());
            Path state = Files.createTempDirectory("metalvirt-test");
            NetworkService networks = NetworkService.open(
                    host.nodes(),
                    state,
                    state.resolve("run"),
                    List.of(),
                    events::publish,
                    DomainSettings.DEFAULT.lockTimeout());
            DomainService domains =
                    DomainService.open(new NodePool(host.nodes()), state, DomainSettings.DEFAULT, events, networks);
            SecretService secrets =
                    SecretService.open(state, DomainSettings.DEFAULT.lockTimeout(), new SecretEvents(events));
            StorageService storage = StorageService.open(StorageService.cardDrivers(secrets), state, events::publish);
            return RemoteDriver.withSasl(
                    RemoteDriver.table(host, domains, networks, secrets, storage, events),
                    new SaslAuthenticator(new SaslSettings(state.resolve("sasl-users"), List.of())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
