package org.metalvirt.baremetal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.SriovNic;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;
import org.metalvirt.node.testing.EdgeRecorder;

/** The real drivers over simulated hardware, as the embedded default can run them. */
class SimBoardBackendTest {

    @TempDir
    Path state;

    /** The board forces off after a 1 s hold, five times the driver's 200 ms press: a press stays a press under load. */
    private NodeDriver create() {
        return NodeBackend.named("simboard")
                .create(new NodeSpec(
                        "n1",
                        BaremetalBackendTest.INVENTORY,
                        Map.of("powerOnMillis", "20", "osShutdownMillis", "40", "overrideMillis", "1000"),
                        state));
    }

    @Test
    void powerGoesThroughTheGpioDriverToTheSimulatedBoard() throws InterruptedException {
        NodeDriver node = create();
        EdgeRecorder edges = new EdgeRecorder();
        node.power().watch(edges);

        node.power().powerOn();
        assertEquals(PowerState.ON, node.power().state());
        node.power().requestShutdown();
        assertEquals(PowerState.ON, edges.next());
        assertEquals(PowerState.OFF, edges.next());
        node.power().powerOn();
        node.power().powerOff();
        assertEquals(List.of(PowerState.ON, PowerState.OFF, PowerState.ON, PowerState.OFF), edges.seen());
    }

    @Test
    void theSimulatedBoardsNmiLineIsWiredSoAnNmiReachesARunningServer() {
        NodeDriver node = create();
        assertEquals(
                ErrorNumber.OPERATION_INVALID,
                assertThrows(VirtException.class, node.power()::injectNmi).number());

        node.power().powerOn();
        node.power().injectNmi();

        assertEquals(PowerState.ON, node.power().state());
    }

    @Test
    void vfsAndDisksGoThroughTheSriovAndSpdkDrivers() {
        NodeDriver node = create();
        assertEquals(
                "0000:5e:01.0",
                node.network()
                        .attach(new VirtualFunction("net0", "52:54:00:00:00:01", OptionalInt.of(10), true, false)));
        assertEquals(
                "0000:3b:00.0",
                node.storage()
                        .attach(new VirtioBlkDisk(
                                "vda",
                                Optional.empty(),
                                "iscsi",
                                "iqn.2024-01.org.example:vol/0",
                                List.of("192.0.2.1"),
                                Optional.empty(),
                                false)));
        node.storage().detach("vda");
        assertEquals(List.of(), node.storage().attached());

        NodeDriver restarted = create();
        assertEquals(List.of("net0"), restarted.network().attached());
        assertThrows(
                IllegalArgumentException.class,
                () -> NodeBackend.named("simboard")
                        .create(new NodeSpec("n2", BaremetalBackendTest.INVENTORY, Map.of("maxVfs", "-1"), state)));
    }

    @Test
    void theInventoryReportsTheNicAndItsVfsAsSysfsShowsThem() {
        NodeDriver node = create();

        List<SriovNic> nics = node.inventory().read().nics();
        assertEquals(1, nics.size());
        assertEquals(nics.get(0).totalVfs(), nics.get(0).vfs().size());
        assertEquals(0, nics.get(0).vfs().get(0).index());
        assertEquals(
                BaremetalBackendTest.INVENTORY.memoryKiB(),
                node.inventory().read().memoryKiB());
    }
}
