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
import org.metalvirt.baremetal.board.SimulatedNic;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.PciFunction;
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
                "0000:5e:00.2",
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

    @Test
    void theInventoryReadsEachFunctionsIdsGroupsAndTheCardsVpdFromSysfs() {
        SriovNic nic = create().inventory().read().nics().get(0);

        PciFunction pf = nic.function().orElseThrow();
        assertEquals("0000:5e:00.0", pf.address());
        assertEquals(0x15b3, pf.vendorId());
        assertEquals(0x1017, pf.productId());
        assertEquals(Optional.of(new PciFunction.IommuGroup(40, List.of("0000:5e:00.0"))), pf.iommuGroup());
        assertEquals(OptionalInt.of(0), pf.numaNode());
        assertEquals(Optional.of("mlx5_core"), pf.driver());
        assertEquals(Optional.of(SimulatedNic.SERIAL), nic.vpd().orElseThrow().serialNumber());
        assertEquals(Optional.of("MCX512A-ACAT"), nic.vpd().orElseThrow().partNumber());
        assertEquals(Optional.of(SimulatedNic.MAC), nic.mac());
        assertEquals(new SriovNic.Link("up", OptionalInt.of(25000)), nic.link());
        PciFunction vf = nic.vfs().get(0).function().orElseThrow();
        assertEquals("0000:5e:00.2", vf.address());
        assertEquals(0x1018, vf.productId());
        assertEquals(41, vf.iommuGroup().orElseThrow().number());
        assertEquals(Optional.empty(), vf.driver(), "the card's kernel drives none of the server's VFs");
    }

    @Test
    void aVfNamedByItsAddressIsThatVfAndNeverOneHeldOrGone() throws Exception {
        NodeDriver node = create();
        VirtualFunction third = new VirtualFunction(
                "hostdev0", "52:54:00:00:00:02", OptionalInt.empty(), true, false, Optional.of("0000:5e:00.4"));

        assertEquals("0000:5e:00.4", node.network().attach(third));
        VirtException held = assertThrows(
                VirtException.class,
                () -> node.network()
                        .attach(new VirtualFunction(
                                "hostdev1", "52:54:00:00:00:03", OptionalInt.empty(), true, false, third.address())));
        assertEquals(ErrorNumber.OPERATION_INVALID, held.number());
        assertEquals("0000:5e:00.2", node.network().attach(vf("net0")), "the lowest free VF");

        SimulatedNic.enable(state.resolve("n1.sysfs"), 2);
        VirtException gone = assertThrows(
                VirtException.class,
                () -> node.network()
                        .attach(new VirtualFunction(
                                "hostdev2",
                                "52:54:00:00:00:04",
                                OptionalInt.empty(),
                                true,
                                false,
                                Optional.of("0000:5e:00.5"))));
        assertEquals(ErrorNumber.OPERATION_INVALID, gone.number());
        assertEquals(
                List.of("0000:5e:00.2", "0000:5e:00.3"),
                node.inventory().read().nics().get(0).vfs().stream()
                        .map(SriovNic.Vf::pciAddress)
                        .toList());
        assertEquals("0000:5e:00.3", node.network().attach(vf("net1")));
        assertThrows(VirtException.class, () -> node.network().attach(vf("net2")), "no VF left that sysfs shows");
    }

    private static VirtualFunction vf(String id) {
        return new VirtualFunction(id, "52:54:00:00:01:0" + id.charAt(3), OptionalInt.empty(), true, false);
    }
}
