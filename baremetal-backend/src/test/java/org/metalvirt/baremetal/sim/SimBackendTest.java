package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.metalvirt.baremetal.sim.Sim.assertVirtError;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.SystemIdentity;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;

class SimBackendTest {

    private static final NodeInventory INVENTORY = NodeInventory.symmetric(
            "x86_64",
            new CpuTopology("Intel", "Skylake-Server", 2400, 2, 8, 2),
            2,
            64L * 1024 * 1024,
            new SystemIdentity(
                    UUID.fromString("66b7c82e-d8dc-32d0-8849-fc37e7ec4db4"),
                    "metalvirt",
                    "Simulated Server",
                    "SIM-node0",
                    "metalvirt",
                    "1.0"));

    @TempDir
    static Path stateDir;

    private final List<NodeDriver> drivers = new ArrayList<>();

    private NodeDriver create(Map<String, String> options) {
        NodeDriver driver = new SimBackend().create(new NodeSpec("node0", INVENTORY, options, stateDir));
        drivers.add(driver);
        return driver;
    }

    private static SimPowerControl power(NodeDriver driver) {
        return assertInstanceOf(SimPowerControl.class, driver.power());
    }

    @AfterEach
    void closeServers() {
        drivers.forEach(driver -> power(driver).server().close());
    }

    private static String refusal(Map<String, String> options) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> new SimBackend().create(new NodeSpec("node0", INVENTORY, options, stateDir)))
                .getMessage();
    }

    @Test
    void theBoardStaysOnAcrossADaemonRestart(@TempDir Path dir) {
        NodeDriver before = new SimBackend().create(new NodeSpec("node7", INVENTORY, Sim.FAST_OPTIONS, dir));
        drivers.add(before);
        before.power().powerOn();

        NodeDriver after = new SimBackend().create(new NodeSpec("node7", INVENTORY, Sim.FAST_OPTIONS, dir));
        drivers.add(after);
        assertEquals(PowerState.ON, after.power().state());

        after.power().powerOff();
        NodeDriver third = new SimBackend().create(new NodeSpec("node7", INVENTORY, Sim.FAST_OPTIONS, dir));
        drivers.add(third);
        assertEquals(PowerState.OFF, third.power().state());
    }

    @Test
    void theServiceLoaderFindsSimByName() {
        assertInstanceOf(SimBackend.class, NodeBackend.named("sim"));
    }

    @Test
    void withoutOptionsANodeIsAnOffServerWithDefaultTimingsAndEveryCapability() {
        NodeDriver driver = create(Map.of());

        assertEquals("node0", driver.name());
        assertSame(INVENTORY, driver.inventory().read());
        SimPowerControl power = power(driver);
        assertEquals(SimTimings.DEFAULTS, power.server().timings());
        assertEquals(Duration.ofSeconds(11), power.confirmTimeout());
        assertEquals(PowerState.OFF, power.state());
        assertInstanceOf(SimBootControl.class, driver.boot());
        assertInstanceOf(SimBlockStorage.class, driver.storage());
        assertInstanceOf(SimNetworkAttachment.class, driver.network());
        assertInstanceOf(SimConsole.class, driver.console());
    }

    @Test
    void optionsSetTimingsLimitsAndTheInitialState() {
        NodeDriver driver = create(Map.of(
                "powerOnMillis",
                "10",
                "osShutdownMillis",
                "30",
                "osHangs",
                "true",
                "hardOffMillis",
                "40",
                "resetMillis",
                "5",
                "confirmTimeoutMillis",
                "250",
                "maxDisks",
                "1",
                "maxVfs",
                "1",
                "startOn",
                "true"));

        SimPowerControl power = power(driver);
        assertEquals(
                new SimTimings(
                        Duration.ofMillis(10),
                        Duration.ofMillis(30),
                        true,
                        Duration.ofMillis(40),
                        Duration.ofMillis(5)),
                power.server().timings());
        assertEquals(Duration.ofMillis(250), power.confirmTimeout());
        assertEquals(PowerState.ON, power.state());
        driver.storage()
                .attach(new VirtioBlkDisk(
                        "vda", Optional.empty(), "rbd", "pool/img", List.of(), Optional.empty(), false));
        assertVirtError(
                ErrorNumber.OPERATION_FAILED,
                () -> driver.storage()
                        .attach(new VirtioBlkDisk(
                                "vdb", Optional.empty(), "rbd", "pool/img2", List.of(), Optional.empty(), false)));
        driver.network().attach(new VirtualFunction("net0", "52:54:00:00:00:01", OptionalInt.empty(), true, false));
        assertVirtError(
                ErrorNumber.OPERATION_FAILED,
                () -> driver.network()
                        .attach(new VirtualFunction("net1", "52:54:00:00:00:02", OptionalInt.empty(), true, false)));
    }

    @Test
    void aPowerOnSlowerThanTheConfirmationTimeoutTimesOut() {
        NodeDriver driver = create(Map.of("powerOnMillis", "3600000", "confirmTimeoutMillis", "50"));

        assertVirtError(ErrorNumber.OPERATION_TIMEOUT, driver.power()::powerOn);
    }

    @Test
    void eachNodeIsItsOwnServer() {
        NodeDriver first = create(Map.of("startOn", "true"));
        NodeDriver second = create(Map.of());

        assertEquals(PowerState.ON, first.power().state());
        assertEquals(PowerState.OFF, second.power().state());
    }

    @Test
    void anUnknownOptionIsRefusedListingTheKnownOnes() {
        assertEquals(
                "unknown sim option 'foo' (known: powerOnMillis, osShutdownMillis, osHangs, hardOffMillis, "
                        + "resetMillis, confirmTimeoutMillis, maxDisks, maxVfs, startOn)",
                refusal(Map.of("foo", "1")));
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertEquals("sim option 'powerOnMillis': not a number: abc", refusal(Map.of("powerOnMillis", "abc")));
        assertEquals("sim option 'hardOffMillis': must be at least 0: -1", refusal(Map.of("hardOffMillis", "-1")));
        assertEquals(
                "sim option 'confirmTimeoutMillis': must be at least 1: 0",
                refusal(Map.of("confirmTimeoutMillis", "0")));
        assertEquals("sim option 'maxVfs': must be between 0 and 256: 300", refusal(Map.of("maxVfs", "300")));
        assertEquals("sim option 'maxDisks': not a number: 1.5", refusal(Map.of("maxDisks", "1.5")));
        assertEquals("sim option 'osHangs': not true or false: yes", refusal(Map.of("osHangs", "yes")));
        assertEquals("sim option 'startOn': not true or false: ", refusal(Map.of("startOn", "")));
    }
}
