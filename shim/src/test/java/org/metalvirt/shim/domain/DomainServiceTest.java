package org.metalvirt.shim.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalvirt.shim.domain.SimNodes.fast;
import static org.metalvirt.shim.domain.SimNodes.node;
import static org.metalvirt.shim.domain.SimNodes.xml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.sim.SimPowerControl;
import org.metalvirt.baremetal.sim.SimulatedServer;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.VirtualFunction;
import org.metalvirt.shim.testing.Await;
import org.metalvirt.shim.testing.Trees;

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

    private DomainService open(DomainSettings settings, NodeDriver... nodes) {
        DomainService service = DomainService.open(new NodePool(List.of(nodes)), state, settings, events::add);
        services.add(service);
        return service;
    }

    @Test
    void oneActiveDomainPerNode() {
        DomainService service = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));
        DomainRecord first = service.define(xml("first", 2, 4, null));
        DomainRecord second = service.define(xml("second", 2, 4, null));
        service.start(first.uuid(), false);

        VirtException e = assertThrows(VirtException.class, () -> service.start(second.uuid(), false));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        assertEquals("Requested operation is not valid: node 'only' is in use by domain 'first'", e.getMessage());
    }

    @Test
    void everyPowerOnGetsANewId() {
        DomainService service = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));
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
        DomainService service =
                open(new DomainSettings(Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofSeconds(5)), hung);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);
        // The reboot waits for an OS that never shuts down, holding the domain.
        CompletableFuture<Void> reboot = CompletableFuture.runAsync(() -> service.reboot(uuid));
        awaitJob(service, uuid);

        VirtException e = assertThrows(VirtException.class, () -> service.destroy(uuid));
        assertEquals(ErrorNumber.OPERATION_TIMEOUT, e.number());
        assertEquals(
                "Timed out during operation: cannot acquire state change lock (held by DOMAIN_REBOOT)", e.getMessage());
        ((SimPowerControl) hung.power()).server().setOsHangs(false);
        ((SimPowerControl) hung.power()).server().osPowersOff();
        reboot.get(30, TimeUnit.SECONDS);
        assertEquals(DomainStatus.RUNNING_BOOTED, service.lookup(uuid).status());
    }

    @Test
    void theOsPoweringOffOnItsOwnShutsTheDomainOff() {
        NodeDriver node = fast("only", 8, 16, state);
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);

        ((SimPowerControl) node.power()).server().osPowersOff();

        awaitLifecycle(service, uuid, DomainStatus.SHUTOFF_SHUTDOWN);
        assertEquals(-1, service.lookup(uuid).id());
    }

    @Test
    void theButtonPressedOutOfBandStartsTheNodesDomainWithAFreshId() {
        NodeDriver node = fast("only", 8, 16, state);
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();

        ((SimPowerControl) node.power()).server().pressPowerButton();

        awaitLifecycle(service, uuid, DomainStatus.RUNNING_UNKNOWN);
        assertTrue(service.lookup(uuid).id() > 0);
    }

    @Test
    void aPausedDomainsServerPoweredOnAtItsButtonIsResumed() {
        NodeDriver node = fast("only", 8, 16, state);
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        int id = service.start(uuid, true).id();

        server(node).pressPowerButton();

        awaitLifecycle(service, uuid, DomainStatus.RUNNING_UNPAUSED);
        assertEquals(id, service.lookup(uuid).id());
        Await.until(() -> lifecycleEvents(uuid).size() == 3, "the RESUMED event");
        assertEquals(
                List.of(DomainEvent.Started.BOOTED, DomainEvent.Suspended.PAUSED, DomainEvent.Resumed.UNPAUSED),
                lifecycleEvents(uuid));
    }

    @Test
    void anUnreadablePowerStateIsReportedAsNoStateNeverAsOff() {
        NodeDriver node = fast("only", 8, 16, state);
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);
        SimulatedServer server = ((SimPowerControl) node.power()).server();

        server.setReadable(false);
        service.reconcile("only");

        assertEquals(DomainStatus.NOSTATE, service.lookup(uuid).status());
        assertTrue(service.lookup(uuid).active());
        server.setReadable(true);
        service.reconcile("only");
        assertEquals(DomainStatus.RUNNING_UNKNOWN, service.lookup(uuid).status());
    }

    @Test
    void anAutostartDomainIsPoweredOnWhenTheCardBoots() throws IOException {
        DomainService first = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));
        UUID uuid = first.define(xml("x", 2, 4, null)).uuid();
        first.setAutostart(uuid, true);
        first.close();
        emptyRuntimeDirectory(); // what a reboot of the card does to /run

        DomainService second = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));

        assertTrue(second.autostartRan());
        awaitLifecycle(second, uuid, DomainStatus.RUNNING_BOOTED);
    }

    @Test
    void aRestartedDaemonLeavesAnAutostartDomainAnOperatorStoppedShutOff() throws IOException {
        DomainService first = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));
        assertTrue(first.autostartRan(), "the first start since the card booted");
        UUID uuid = first.define(xml("x", 2, 4, null)).uuid();
        first.setAutostart(uuid, true);
        first.start(uuid, false);
        first.destroy(uuid);
        first.close();

        DomainService second = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));

        assertTrue(!second.autostartRan(), "autostart ran once since the card booted");
        // Shut off, the reason known only to the daemon that stopped it, as after libvirtd's restart.
        assertEquals(DomainStatus.SHUTOFF_UNKNOWN, second.lookup(uuid).status());
        second.close();
        emptyRuntimeDirectory();
        DomainService third = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));
        assertTrue(third.autostartRan());
        awaitLifecycle(third, uuid, DomainStatus.RUNNING_BOOTED);
    }

    /** The runtime directory of {@link DomainService#open} without one: the state directory's {@code run}. */
    private void emptyRuntimeDirectory() {
        Trees.delete(state.resolve("run"));
    }

    @Test
    void aTransientDomainIsGoneOnceItStops() {
        DomainService service = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));
        DomainRecord started = service.createTransient(xml("t", 2, 4, null), false);

        service.destroy(started.uuid());

        VirtException e = assertThrows(VirtException.class, () -> service.lookup(started.uuid()));
        assertEquals(ErrorNumber.NO_DOMAIN, e.number());
    }

    @Test
    void undefiningARunningDomainMakesItTransient() {
        DomainService service = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));
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
        DomainService service = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));
        DomainRecord first = service.define(xml("x", 2, 4, null));

        VirtException sameName = assertThrows(VirtException.class, () -> service.define(xml("x", 2, 4, null)));
        assertEquals("operation failed: domain 'x' already exists with uuid " + first.uuid(), sameName.getMessage());
        String renamed = first.config().orElseThrow().xml().replace("<name>x</name>", "<name>y</name>");
        VirtException sameUuid = assertThrows(VirtException.class, () -> service.define(renamed));
        assertEquals(
                "operation failed: domain 'x' is already defined with uuid " + first.uuid(), sameUuid.getMessage());
    }

    // ---- states through a shutdown, as QEMU's driver reports them ------------------------

    @Test
    void aServerWhoseOsIsShuttingDownIsRunningUntilItsPowerIsConfirmedOff() {
        NodeDriver node = node("only", 8, 16, state, Map.of("powerOnMillis", "20", "osShutdownMillis", "600000"));
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        int id = service.start(uuid, false).id();

        service.shutdown(uuid);

        assertEquals(DomainStatus.RUNNING_BOOTED, service.lookup(uuid).status(), "the reason is kept too");
        assertEquals(id, service.lookup(uuid).id());
        server(node).osPowersOff();
        awaitStopped(uuid);
        assertEquals(DomainStatus.SHUTOFF_SHUTDOWN, service.lookup(uuid).status());
        assertEquals(
                List.of(DomainEvent.Shutdown.FINISHED, DomainEvent.Stopped.SHUTDOWN),
                lifecycleEvents(uuid).subList(1, 3),
                "started, then shutdown finished, then stopped (shutdown)");
    }

    @Test
    void anOsShuttingDownAfterAButtonPressedAtTheServerEndsAsAGuestShutdown() {
        NodeDriver node = fast("only", 8, 16, state);
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);

        server(node).pressPowerButton();

        awaitStopped(uuid);
        assertEquals(DomainStatus.SHUTOFF_SHUTDOWN, service.lookup(uuid).status());
        assertEquals(
                DomainEvent.Shutdown.GUEST,
                lifecycleEvents(uuid).get(1),
                "shutdown by the guest: nobody here asked for it");
    }

    @Test
    void aShutdownAskedAgainPressesAgainWhereTheTransportSaysItIsSafe() {
        NodeDriver sim =
                node("only", 8, 16, state, Map.of("powerOnMillis", "20", "osShutdownMillis", "50", "osHangs", "true"));
        ScriptedPower bmcLike = new ScriptedPower(sim.power(), true, true);
        DomainService service = open(DomainSettings.DEFAULT, sim.withPower(bmcLike));
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);
        service.shutdown(uuid); // the OS is still booting: it misses the press
        server(sim).setOsHangs(false);

        service.shutdown(uuid);

        assertEquals(2, bmcLike.shutdownRequests());
        awaitStopped(uuid);
        assertEquals(DomainStatus.SHUTOFF_SHUTDOWN, service.lookup(uuid).status());
    }

    @Test
    void aShutdownAskedAgainIsAcceptedWithoutASecondPressWhereAPressCouldTurnTheServerOn() {
        NodeDriver sim = node("only", 8, 16, state, Map.of("powerOnMillis", "20", "osShutdownMillis", "600000"));
        ScriptedPower frontPanel = new ScriptedPower(sim.power(), false, true);
        DomainService service = open(DomainSettings.DEFAULT, sim.withPower(frontPanel));
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);
        service.shutdown(uuid);

        service.shutdown(uuid);
        service.shutdown(uuid);

        assertEquals(1, frontPanel.shutdownRequests());
        assertEquals(DomainStatus.RUNNING_BOOTED, service.lookup(uuid).status());
        server(sim).osPowersOff();
        awaitStopped(uuid);
        assertEquals(
                DomainEvent.Shutdown.FINISHED, lifecycleEvents(uuid).get(1), "the shutdown asked for has finished");
    }

    @Test
    void aShutdownOfAServerFoundOffNeverPressesItsButtonAndShutsTheDomainOff() {
        NodeDriver sim = fast("only", 8, 16, state);
        ScriptedPower polledOnly = new ScriptedPower(sim.power(), false, false);
        DomainService service = open(
                new DomainSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1)),
                sim.withPower(polledOnly));
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);
        server(sim).osPowersOff(); // no edge, and no poll before the call

        VirtException e = assertThrows(VirtException.class, () -> service.shutdown(uuid));

        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        assertEquals("Requested operation is not valid: domain is not running", e.getMessage());
        assertEquals(0, polledOnly.shutdownRequests());
        assertEquals(PowerState.OFF, sim.power().state());
        assertEquals(DomainStatus.SHUTOFF_SHUTDOWN, service.lookup(uuid).status());
    }

    @Test
    void aRebootKeepsTheDomainRunningWithItsIdWhileTheOsShutsDownAndPowersOnAgain() throws Exception {
        NodeDriver node = node("only", 8, 16, state, Map.of("powerOnMillis", "20", "osShutdownMillis", "600000"));
        DomainService service = open(DomainSettings.DEFAULT, node);
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        int id = service.start(uuid, false).id();
        CompletableFuture<Void> reboot = CompletableFuture.runAsync(() -> service.reboot(uuid));
        awaitJob(service, uuid);
        Await.until(() -> server(node).toString().contains("SHUTTING_DOWN"), "the OS shutting down");

        assertEquals(DomainStatus.RUNNING_BOOTED, service.lookup(uuid).status());
        server(node).osPowersOff();
        reboot.get(30, TimeUnit.SECONDS);

        assertEquals(DomainStatus.RUNNING_BOOTED, service.lookup(uuid).status());
        assertEquals(id, service.lookup(uuid).id());
        assertEquals(PowerState.ON, node.power().state());
        assertEquals(1, lifecycleEvents(uuid).size(), "started only: no shutdown, no stop");
        assertTrue(events.stream().anyMatch(event -> event instanceof DomainEvent.Reboot));
    }

    @Test
    void whileTheButtonIsPressedAndPowerGoodNotYetReportedTheDomainIsPausedStartingUp() throws Exception {
        NodeDriver sim = fast("only", 8, 16, state);
        ScriptedPower slowBoard = new ScriptedPower(sim.power(), false, true);
        DomainService service = open(DomainSettings.DEFAULT, sim.withPower(slowBoard));
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        CompletableFuture<Void> powerGood = new CompletableFuture<>();
        slowBoard.holdPowerGood(powerGood);
        CompletableFuture<DomainRecord> start = CompletableFuture.supplyAsync(() -> service.start(uuid, false));

        awaitLifecycle(service, uuid, DomainStatus.PAUSED_STARTING_UP);
        assertTrue(service.lookup(uuid).active());
        assertTrue(service.lookup(uuid).id() > 0);
        assertEquals(List.of(), lifecycleEvents(uuid), "STARTED comes with power good");
        powerGood.complete(null);

        assertEquals(
                DomainStatus.RUNNING_BOOTED, start.get(30, TimeUnit.SECONDS).status());
        assertEquals(List.of(DomainEvent.Started.BOOTED), lifecycleEvents(uuid));
    }

    @Test
    void aStartWhosePowerOnFailsLeavesTheDomainShutOffFailedAndTheCardEmpty() {
        NodeDriver sim = fast("only", 8, 16, state);
        ScriptedPower deadBoard = new ScriptedPower(sim.power(), false, true);
        DomainService service = open(DomainSettings.DEFAULT, sim.withPower(deadBoard));
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        deadBoard.holdPowerGood(CompletableFuture.failedFuture(new VirtException(
                ErrorNumber.OPERATION_TIMEOUT, org.metalvirt.error.ErrorDomain.NONE, "no power good")));

        VirtException e = assertThrows(VirtException.class, () -> service.start(uuid, false));

        assertEquals(ErrorNumber.OPERATION_TIMEOUT, e.number());
        assertEquals(DomainStatus.SHUTOFF_FAILED, service.lookup(uuid).status());
        assertEquals(-1, service.lookup(uuid).id());
        assertEquals(List.of(), lifecycleEvents(uuid), "a start never announced is not announced stopped");
    }

    @Test
    void aStartCutShortByTheDaemonsEndIsShutOffFailedWhenTheServerIsFoundOff() {
        DomainDefinition definition = org.metalvirt.domainxml.DomainXml.parse(xml("x", 2, 4, null));
        new DomainStore(state, state.resolve("run"))
                .save(DomainRecord.inactive(definition, true, "only")
                        .started(7, definition, DomainStatus.PAUSED_STARTING_UP, Map.of()));

        DomainService service = open(DomainSettings.DEFAULT, fast("only", 8, 16, state));

        assertEquals(
                DomainStatus.SHUTOFF_FAILED, service.lookup(definition.uuid()).status());
        assertEquals(List.of(DomainEvent.Stopped.FAILED), lifecycleEvents(definition.uuid()));
    }

    @Test
    void aDomainSavedInShutdownByAnEarlierVersionIsLoadedRunningWithItsShutdownAsked() throws Exception {
        DomainDefinition definition = org.metalvirt.domainxml.DomainXml.parse(xml("x", 2, 4, null));
        new DomainStore(state, state.resolve("run"))
                .save(DomainRecord.inactive(definition, true, "only")
                        .started(7, definition, DomainStatus.RUNNING_BOOTED, Map.of()));
        Path runtime = state.resolve("run/domains").resolve(definition.uuid() + ".json");
        Files.writeString(
                runtime, Files.readString(runtime).replace("\"state\":\"RUNNING\"", "\"state\":\"SHUTDOWN\""));

        DomainRecord loaded =
                new DomainStore(state, state.resolve("run")).load("only").get(0);

        assertEquals(DomainStatus.RUNNING_UNKNOWN, loaded.status());
        assertTrue(loaded.shutdownRequested());
    }

    private static SimulatedServer server(NodeDriver simNode) {
        return ((SimPowerControl) simNode.power()).server();
    }

    /** The domain's lifecycle events since it was defined, each as its detail (which says its event type). */
    private List<DomainEvent.Detail> lifecycleEvents(UUID uuid) {
        return events.stream()
                .filter(event -> event instanceof DomainEvent.Lifecycle
                        && event.domain().uuid().equals(uuid))
                .map(event -> (DomainEvent.Lifecycle) event)
                .filter(event -> event.event() != DomainEvent.Type.DEFINED)
                .map(DomainEvent.Lifecycle::detail)
                .toList();
    }

    private static final String DISK = "<disk type='network' device='disk'><driver name='qemu' type='raw'/>"
            + "<source protocol='rbd' name='volumes/volume-0001'><host name='192.0.2.10' port='6789'/></source>"
            + "<target dev='vdb' bus='virtio'/><serial>vol-0001</serial><alias name='ua-volume-0001'/></disk>";

    @Test
    void affectCurrentIsWhatTheDomainIsOnceTheChangeHoldsItsLock() throws Exception {
        NodeDriver sim = fast("only", 8, 16, state);
        ScriptedPower deadBoard = new ScriptedPower(sim.power(), false, true);
        DomainService service = open(DomainSettings.DEFAULT, sim.withPower(deadBoard));
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        CompletableFuture<Void> powerGood = new CompletableFuture<>();
        deadBoard.holdPowerGood(powerGood);
        CompletableFuture<DomainRecord> start = CompletableFuture.supplyAsync(() -> service.start(uuid, false));
        // Active while the start waits for power good: AFFECT_CURRENT looked at now would mean live.
        awaitLifecycle(service, uuid, DomainStatus.PAUSED_STARTING_UP);
        CompletableFuture<Void> attached = new CompletableFuture<>();
        Thread attach = new Thread(() -> {
            try {
                service.attachDevice(uuid, DISK, Affect.CURRENT);
                attached.complete(null);
            } catch (RuntimeException e) {
                attached.completeExceptionally(e);
            }
        });
        attach.start();
        Await.until(() -> attach.getState() == Thread.State.TIMED_WAITING, "the attach waiting for the start");

        powerGood.completeExceptionally(new VirtException(
                ErrorNumber.OPERATION_TIMEOUT, org.metalvirt.error.ErrorDomain.NONE, "no power good"));

        assertThrows(Exception.class, () -> start.get(30, TimeUnit.SECONDS));
        attached.get(30, TimeUnit.SECONDS);
        DomainRecord record = service.lookup(uuid);
        assertEquals(DomainStatus.SHUTOFF_FAILED, record.status());
        assertTrue(record.config().orElseThrow().xml().contains("vol-0001"), "the disk is in the definition");
        assertTrue(events.stream().noneMatch(DomainEvent.DeviceAdded.class::isInstance), "no device was added live");
    }

    private static String vf(int vlan) {
        return "<interface type='hostdev' managed='yes'><mac address='fa:16:3e:11:22:33'/><source>"
                + "<address type='pci' domain='0x0000' bus='0x5e' slot='0x02' function='0x1'/></source>"
                + "<vlan><tag id='" + vlan + "'/></vlan></interface>";
    }

    @Test
    void anUpdateTheCardRefusesLeavesTheOldDeviceOnTheCardAndInTheRecord() {
        FakeCard card = new FakeCard();
        NodeDriver sim = fast("only", 8, 16, state);
        DomainService service =
                open(DomainSettings.DEFAULT, sim.withNetwork(card).withStorage(card));
        UUID uuid = service.define(xml("x", 2, 4, null)).uuid();
        service.start(uuid, false);
        service.attachDevice(uuid, vf(100), Affect.LIVE);
        DomainRecord before = service.lookup(uuid);
        Map<String, Object> held = card.held();
        card.refuse(device -> device instanceof VirtualFunction vf && vf.vlan().equals(OptionalInt.of(200)));

        VirtException e = assertThrows(VirtException.class, () -> service.updateDevice(uuid, vf(200), Affect.LIVE));

        assertTrue(e.getMessage().contains("the card refuses"), e.getMessage());

        assertEquals(held, card.held());
        assertEquals(before, service.lookup(uuid));
        assertTrue(DomainService.xml(service.lookup(uuid), false).contains("<tag id='100'/>"));
    }

    private void awaitStopped(UUID uuid) {
        Await.until(
                () -> lifecycleEvents(uuid).stream().anyMatch(event -> event.type() == DomainEvent.Type.STOPPED),
                "a STOPPED event");
    }

    private static void awaitJob(DomainService service, UUID uuid) {
        Await.until(() -> service.jobMillis(uuid) > 0, "a job on the domain");
    }

    private static void awaitLifecycle(DomainService service, UUID uuid, DomainStatus expected) {
        Await.until(() -> service.lookup(uuid).status().equals(expected), expected.toString());
    }
}
