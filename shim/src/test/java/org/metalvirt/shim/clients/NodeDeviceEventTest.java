package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.baremetal.board.SimulatedNic;
import org.metalvirt.shim.protocol.Connect;
import org.metalvirt.shim.protocol.Event;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.protocol.Types.RemoteNodeDevice;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RawClient;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.xdr.Xdr;

/**
 * Node-device events on {@code simboard} while the test changes {@code sriov_numvfs} of its
 * simulated NIC underneath the daemon (eight VFs, the last two 0000:5e:01.0 and 0000:5e:01.1):
 * the VFs that go are DELETED, those that come back CREATED, the PF whose VF list changed
 * UPDATEd, seen by virsh and python3-libvirt; and libvirtd's registration errors.
 */
class NodeDeviceEventTest {

    private static final String PF = "pci_0000_5e_00_0";
    private static final String SEVENTH = "pci_0000_5e_01_0";
    private static final String EIGHTH = "pci_0000_5e_01_1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        RunningDaemon.simboard(config);
        config.domains.pollIntervalMillis = 200;
    });

    @AfterEach
    void allVfsBackAndSeen() throws IOException {
        numVfs(8);
        // Seen now, so that no later registration receives this restore.
        DAEMON.daemon().nodeDevices().check();
    }

    private static void numVfs(int count) throws IOException {
        SimulatedNic.enable(DAEMON.sysfs("node0"), count);
    }

    private static LineWatcher nodedevEvent(String... options) {
        List<String> command = new ArrayList<>(
                List.of("virsh", "-c", DAEMON.tcpUri("qemu"), "nodedev-event", "--loop", "--timeout", "120"));
        command.addAll(List.of(options));
        return LineWatcher.start(command.toArray(String[]::new));
    }

    private static void awaitRegistrations(int count) {
        await().atMost(WAIT).until(() -> DAEMON.daemon().events().registrations() >= count);
    }

    private static List<String> events(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("event ")).toList();
    }

    @Test
    void virshSeesVfsDeletedAndCreatedAsTheirCountChangesAndThePfUpdated() throws Exception {
        int before = DAEMON.daemon().events().registrations();
        try (LineWatcher lifecycle = nodedevEvent("--event", "lifecycle");
                LineWatcher eighth = nodedevEvent("--device", EIGHTH, "--event", "lifecycle");
                LineWatcher update = nodedevEvent("--event", "update")) {
            awaitRegistrations(before + 3);

            numVfs(6);
            assertEquals(
                    List.of(
                            "event 'lifecycle' for node device " + SEVENTH + ": Deleted",
                            "event 'lifecycle' for node device " + EIGHTH + ": Deleted"),
                    events(lifecycle.awaitLine(line -> line.contains(EIGHTH), WAIT)));
            assertEquals(
                    List.of("event 'update' for node device " + PF),
                    events(update.awaitLine(line -> line.contains(PF), WAIT)));

            numVfs(8);
            assertEquals(
                    List.of(
                            "event 'lifecycle' for node device " + SEVENTH + ": Deleted",
                            "event 'lifecycle' for node device " + EIGHTH + ": Deleted",
                            "event 'lifecycle' for node device " + SEVENTH + ": Created",
                            "event 'lifecycle' for node device " + EIGHTH + ": Created"),
                    events(lifecycle.awaitLine(line -> line.contains(EIGHTH + ": Created"), WAIT)));
            assertEquals(
                    List.of("event 'update' for node device " + PF, "event 'update' for node device " + PF),
                    events(update.awaitLine(line -> line.contains(PF), WAIT)));
            // Registered for the eighth VF alone: the seventh's events never reach it.
            assertEquals(
                    List.of(
                            "event 'lifecycle' for node device " + EIGHTH + ": Deleted",
                            "event 'lifecycle' for node device " + EIGHTH + ": Created"),
                    events(eighth.awaitLine(line -> line.contains("Created"), WAIT)));
        }
    }

    @Test
    void pythonCallbacksReceiveLibvirtsLifecycleNumbersAndThePfsUpdate() throws Exception {
        int before = DAEMON.daemon().events().registrations();
        CompletableFuture<JsonNode> script = CompletableFuture.supplyAsync(
                () -> Python.run(Duration.ofSeconds(90), "node_device_events.py", DAEMON.tcpUri("qemu"), PF, "2"));
        awaitRegistrations(before + 2);

        numVfs(6);
        JsonNode seen = script.get(90, TimeUnit.SECONDS);

        assertTrue(seen.get("received").asBoolean(), seen.toString());
        assertEquals(SEVENTH, seen.get("lifecycle").get(0).get("dev").asText());
        assertEquals(EIGHTH, seen.get("lifecycle").get(1).get("dev").asText());
        for (JsonNode event : seen.get("lifecycle")) {
            assertEquals(1, event.get("event").asInt(), seen.toString()); // VIR_NODE_DEVICE_EVENT_DELETED
            assertEquals(0, event.get("detail").asInt());
            assertEquals("all", event.get("opaque").asText());
        }
        assertEquals("[\"" + PF + "\"]", seen.get("update").toString());
        await().atMost(WAIT).until(() -> DAEMON.daemon().events().registrations() == before);
    }

    @Test
    void registrationFailsAsLibvirtdsForAnUnknownDeviceOrEventIdAndAForeignCallbackId() {
        try (RawClient client = RawClient.openReadOnly(DAEMON.tcpPort())) {
            RemoteError unknownDevice = register(
                    client, new Connect.NodeDeviceEventRegisterAnyArgs(0, Optional.of(new RemoteNodeDevice("pci_x"))));
            assertEquals(53, unknownDevice.code()); // VIR_ERR_NO_NODE_DEVICE
            assertEquals(22, unknownDevice.domain()); // VIR_FROM_NODEDEV
            assertEquals(
                    Optional.of("Node device not found: no node device with matching name 'pci_x'"),
                    unknownDevice.message());

            RemoteError unknownId = register(client, new Connect.NodeDeviceEventRegisterAnyArgs(2, Optional.empty()));
            assertEquals(1, unknownId.code()); // VIR_ERR_INTERNAL_ERROR
            assertEquals(Optional.of("unsupported node device event ID 2"), unknownId.message());

            int domainCallback = client.call(
                            RemoteProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                            new Event.CallbackRegisterAnyArgs(0, Optional.empty()))
                    .callbackID();
            RemoteError foreign = deregister(client, domainCallback);
            assertEquals(1, foreign.code());
            assertEquals(
                    Optional.of("node device event callback " + domainCallback + " not registered"), foreign.message());

            int mine = client.call(
                            RemoteProcedures.CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY,
                            new Connect.NodeDeviceEventRegisterAnyArgs(1, Optional.of(new RemoteNodeDevice(PF))))
                    .callbackID();
            assertNull(deregister(client, mine), "a read-only connection registers and deregisters");
            assertEquals(
                    Optional.of("node device event callback " + mine + " not registered"),
                    deregister(client, mine).message());
        }
    }

    private static RemoteError register(RawClient client, Connect.NodeDeviceEventRegisterAnyArgs args) {
        return callRaw(client, RemoteProcedures.CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY, args);
    }

    private static RemoteError deregister(RawClient client, int callbackId) {
        return callRaw(
                client,
                RemoteProcedures.CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY,
                new Connect.NodeDeviceEventDeregisterAnyArgs(callbackId));
    }

    private static <A> RemoteError callRaw(RawClient client, Procedure<A, ?> procedure, A args) {
        return client.callRaw(procedure.number(), Xdr.encode(procedure.args(), args));
    }
}
