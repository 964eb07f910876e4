package org.metalvirt.shim.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.sim.SimPowerControl;
import org.metalvirt.baremetal.sim.SimulatedServer;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.SystemIdentity;

/** The domain service over simulated servers: binding, lifecycle from confirmed power, locking. */
class DomainServiceTest {

    @TempDir
    Path state;

    private final List<DomainService> services = new ArrayList<>();
    private final List<DomainEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        services.forEach(DomainService::close);
    }

    private static NodeDriver node(String name, int cpus, long memoryGiB, Path state, Map<String, String> options) {
        NodeInventory inventory = NodeInventory.symmetric("x86_64", new CpuTopology("Intel", "m", 2000, 1, cpus, 1), 1,
                memoryGiB * 1024 * 1024, new SystemIdentity(UUID.randomUUID(), "m", "p", "s", "b", "1"));
        return NodeBackend.named("sim").create(new NodeSpec(name, inventory, options, state.resolve("nodes")));
    }

    private static NodeDriver fastNode(String name, int cpus, long memoryGiB, Path state) {
        return node(name, cpus, memoryGiB, state, Map.of("powerOnMillis", "20", "osShutdownMillis", "50"));
    }

    private DomainService open(DomainSettings settings, NodeDriver... nodes) {
        DomainService service = DomainService.open(new NodePool(List.of(nodes)), state, settings, events::add);
        services.add(service);
        return service;
    }

    private static String xml(String name, int vcpus, int memoryGiB, String node) {
        String metadata = node == null ? "" : "<metadata><mv:node xmlns:mv='https://metalvirt.org/xmlns/domain/1'>"
                + node + "</mv:node></metadata>";
        return "<domain type='kvm'><name>" + name + "</name><memory unit='GiB'>" + memoryGiB + "</memory><vcpu>"
                + vcpus + "</vcpu><os><type>hvm</type></os>" + metadata + "</domain>";
    }

    @Test
    void withSeveralNodesADomainBindsToTheNodeItsMetadataNames() {
        DomainService service = open(DomainSettings.DEFAULT, fastNode("a", 8, 16, state), fastNode("b", 8, 16, state));

        assertEquals("b", service.define(xml("x", 2, 4, "b")).node());
    }

    @Test
    void otherwiseToTheFirstFreeNodeThatFits() {
        DomainService service = open(DomainSettings.DEFAULT, fastNode("small", 2, 4, state),
                fastNode("big-1", 32, 256, state), fastNode("big-2", 32, 256, state));

        assertEquals("big-1", service.define(xml("first", 16, 64, null)).node());
        assertEquals("big-2", service.define(xml("second", 16, 64, null)).node());
        assertEquals("small", service.define(xml("tiny", 1, 1, null)).node());
        assertEquals("big-1", service.define(xml("third", 16, 64, null)).node(), "no free node fits: the first that fits");
    }

    @Test
    void aDomainThatFitsNoNodeIsRefused() {
        DomainService service = open(DomainSettings.DEFAULT, fastNode("a", 8, 16, state), fastNode("b", 8, 16, state));

        VirtException e = assertThrows(VirtException.class, () -> service.define(xml("huge", 64, 4, null)));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertEquals("unsupported configuration: no node fits domain 'huge' (64 vCPUs, 4194304 KiB)", e.getMessage());
    }

    @Test
    void onOneNodeTheDomainMustFitIt() {
        DomainService service = open(DomainSettings.DEFAULT, fastNode("only", 8, 16, state));

        VirtException e = assertThrows(VirtException.class, () -> service.define(xml("big", 4, 32, null)));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertEquals("unsupported configuration: <memory>: 33554432 KiB exceed the 16777216 KiB of the server",
                e.getMessage());
    }

    @Test
    void oneActiveDomainPerNode() {
        DomainService service = open(DomainSettings.DEFAULT, fastNode("only", 8, 16, state));
        DomainRecord first = service.define(xml("first", 2, 4, null));
        DomainRecord second = service.define(xml("second", 2, 4, null));
        service.start(first.uuid(), false);

        VirtException e = assertThrows(VirtException.class, () -> service.start(second.uuid(), false));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        assertEquals("Requested operation is not valid: node 'only' is in use by domain 'first'", e.getMessage());
    }

    @Test
    void everyPowerOnGetsANewId() {
        DomainService service = open(DomainSettings.DEFAULT, fastNode("only", 8, 16, state));
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();

        int first = service.start(uuid, false).id();
        service.destroy(uuid);
        assertEquals(-1, service.lookup(uuid).id());
        int second = service.start(uuid, false).id();

        assertTrue(second > first);
    }

    @Test
    void aSecondStateChangeWaitsForTheFirstThenFailsAsLibvirtDoes() throws Exception {
        NodeDriver hung = node("hung", 8, 16, state, Map.of("powerOnMillis", "20", "osHangs", "true"));
        DomainService service = open(new DomainSettings(Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofSeconds(5)), hung);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);
        // The reboot waits for an OS that never shuts down, holding the domain.
        CompletableFuture<Void> reboot = CompletableFuture.runAsync(() -> service.reboot(uuid));
        awaitJob(service, uuid);

        VirtException e = assertThrows(VirtException.class, () -> service.destroy(uuid));
        assertEquals(ErrorNumber.OPERATION_TIMEOUT, e.number());
        assertEquals("Timed out during operation: cannot acquire state change lock (held by DOMAIN_REBOOT)",
                e.getMessage());
        ((SimPowerControl) hung.power()).server().setOsHangs(false);
        ((SimPowerControl) hung.power()).server().osPowersOff();
        reboot.get(30, TimeUnit.SECONDS);
        assertEquals(Lifecycle.RUNNING_BOOTED, service.lookup(uuid).lifecycle());
    }

    @Test
    void theOsPoweringOffOnItsOwnShutsTheDomainOff() {
        NodeDriver node = fastNode("only", 8, 16, state);
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);

        ((SimPowerControl) node.power()).server().osPowersOff();

        awaitLifecycle(service, uuid, Lifecycle.SHUTOFF_SHUTDOWN);
        assertEquals(-1, service.lookup(uuid).id());
    }

    @Test
    void theButtonPressedOutOfBandStartsTheNodesDomainWithAFreshId() {
        NodeDriver node = fastNode("only", 8, 16, state);
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();

        ((SimPowerControl) node.power()).server().pressPowerButton();

        awaitLifecycle(service, uuid, Lifecycle.RUNNING_UNKNOWN);
        assertTrue(service.lookup(uuid).id() > 0);
    }

    @Test
    void anUnreadablePowerStateIsReportedAsNoStateNeverAsOff() {
        NodeDriver node = fastNode("only", 8, 16, state);
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);
        SimulatedServer server = ((SimPowerControl) node.power()).server();

        server.setReadable(false);
        service.reconcile("only");

        assertEquals(Lifecycle.NOSTATE, service.lookup(uuid).lifecycle());
        assertTrue(service.lookup(uuid).active());
        server.setReadable(true);
        service.reconcile("only");
        assertEquals(Lifecycle.RUNNING_UNKNOWN, service.lookup(uuid).lifecycle());
    }

    @Test
    void anAutostartDomainIsPoweredOnWhenTheDaemonStarts() {
        DomainService first = open(DomainSettings.DEFAULT, fastNode("only", 8, 16, state));
        UUID uuid = first.define(xml("x", 2, 4, null)).uuid();
        first.setAutostart(uuid, true);
        first.close();

        DomainService second = open(DomainSettings.DEFAULT, fastNode("only", 8, 16, state));

        awaitLifecycle(second, uuid, Lifecycle.RUNNING_BOOTED);
    }

    @Test
    void aTransientDomainIsGoneOnceItStops() {
        DomainService service = open(DomainSettings.DEFAULT, fastNode("only", 8, 16, state));
        DomainRecord started = service.createTransient(xml("t", 2, 4, null), false);

        service.destroy(started.uuid());

        VirtException e = assertThrows(VirtException.class, () -> service.lookup(started.uuid()));
        assertEquals(ErrorNumber.NO_DOMAIN, e.number());
    }

    @Test
    void undefiningARunningDomainMakesItTransient() {
        DomainService service = open(DomainSettings.DEFAULT, fastNode("only", 8, 16, state));
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);

        service.undefine(uuid);

        assertTrue(service.lookup(uuid).active());
        assertTrue(!service.lookup(uuid).persistent());
        service.destroy(uuid);
        assertThrows(VirtException.class, () -> service.lookup(uuid));
    }

    @Test
    void aNameOrUuidConflictIsReportedAsLibvirtReportsIt() {
        DomainService service = open(DomainSettings.DEFAULT, fastNode("only", 8, 16, state));
        DomainRecord first = service.define(xml("x", 2, 4, null));

        VirtException sameName = assertThrows(VirtException.class, () -> service.define(xml("x", 2, 4, null)));
        assertEquals("operation failed: domain 'x' already exists with uuid " + first.uuid(), sameName.getMessage());
        String renamed = first.config().orElseThrow().xml().replace("<name>x</name>", "<name>y</name>");
        VirtException sameUuid = assertThrows(VirtException.class, () -> service.define(renamed));
        assertEquals("operation failed: domain 'x' is already defined with uuid " + first.uuid(), sameUuid.getMessage());
    }

    private static void awaitJob(DomainService service, UUID uuid) {
        await(() -> service.jobMillis(uuid) > 0, "a job on the domain");
    }

    private static void awaitLifecycle(DomainService service, UUID uuid, Lifecycle expected) {
        await(() -> service.lookup(uuid).lifecycle().equals(expected), expected.toString());
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never reached: " + what);
            }
            Thread.onSpinWait();
        }
    }
}
