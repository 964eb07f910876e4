package org.metalvirt.baremetal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.metalvirt.baremetal.board.HoldTimer;
import org.metalvirt.baremetal.board.SimulatedAtxChip;
import org.metalvirt.baremetal.board.SimulatedNic;
import org.metalvirt.baremetal.board.SimulatedSpdk;
import org.metalvirt.baremetal.gpio.AtxTimings;
import org.metalvirt.baremetal.gpio.GpioPowerControl;
import org.metalvirt.baremetal.gpio.GpioWiring;
import org.metalvirt.baremetal.sim.BoardMemory;
import org.metalvirt.baremetal.sim.SimConsole;
import org.metalvirt.baremetal.sim.SimHostStatistics;
import org.metalvirt.baremetal.sim.SimTimings;
import org.metalvirt.baremetal.sim.SimulatedServer;
import org.metalvirt.baremetal.smartnic.SmartNicBlockStorage;
import org.metalvirt.baremetal.smartnic.SpdkProvider;
import org.metalvirt.baremetal.smartnic.SpdkRpc;
import org.metalvirt.baremetal.sriov.SriovNetworkAttachment;
import org.metalvirt.baremetal.sriov.SysfsNic;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.PciFunction;
import org.metalvirt.options.NodeOptions;

/**
 * The {@code simboard} backend: the real drivers over simulated hardware, so a laptop runs the
 * code a SmartNIC runs. Power is {@link GpioPowerControl} on a {@link SimulatedAtxChip} wired to a
 * {@link SimulatedServer}; VFs are {@link SriovNetworkAttachment} on a {@link SimulatedNic} sysfs
 * tree in the state directory; disks are {@link SpdkProvider} talking JSON-RPC to an in-process
 * {@link SimulatedSpdk}. The board keeps its power across daemon restarts, as a real one does; the
 * SPDK stand-in lives in the daemon and starts empty, so the daemon plugs running domains' disks
 * again when it starts.
 */
public final class SimBoardBackend implements NodeBackend {

    private static final NodeOptions OPTIONS = new NodeOptions("simboard", NodeOptions.Wording.PLAIN);
    private static final int POWER = 0;
    private static final int RESET = 1;
    private static final int PWR_OK = 2;
    /** The simulated board has an NMI button on its header, wired as {@code gpio.nmi} would wire one. */
    private static final int NMI = 3;

    @Override
    public String name() {
        return "simboard";
    }

    @Override
    public NodeDriver create(NodeSpec spec) {
        SimBoardOptions options = OPTIONS.bind(spec.options(), SimBoardOptions.class);
        SimTimings board =
                new SimTimings(options.powerOn(), options.osShutdown(), false, Duration.ZERO, Duration.ofMillis(200));
        Duration override = options.override();
        int vfs = options.vfs();
        int disks = options.disks();
        // The press must stay well below the board's override, and the hold above it.
        AtxTimings timings = new AtxTimings(
                Duration.ofMillis(Math.max(1, Math.min(200, override.toMillis() / 4))),
                Duration.ofMillis(100),
                board.powerOn().plusSeconds(8),
                override.multipliedBy(2).plusSeconds(1),
                Duration.ZERO);
        try {
            BoardMemory memory = new BoardMemory(spec.stateDir(), spec.name());
            SimulatedServer server = new SimulatedServer(spec.name(), board, memory.wasOn());
            server.addListener(memory);
            SimulatedAtxChip chip = new SimulatedAtxChip(
                    server, POWER, RESET, OptionalInt.of(NMI), PWR_OK, override, HoldTimer.wallClock());
            GpioPowerControl power = GpioPowerControl.open(
                    spec.name(),
                    chip,
                    new GpioWiring(POWER, OptionalInt.of(RESET), OptionalInt.of(NMI), PWR_OK, true, true, false),
                    timings);
            SimulatedNic nic = new SimulatedNic(spec.stateDir().resolve(spec.name() + ".sysfs"), vfs);
            Path socketDir = Files.createTempDirectory("metalvirt-spdk");
            socketDir.toFile().deleteOnExit();
            SimulatedSpdk spdk = new SimulatedSpdk(socketDir.resolve("spdk.sock"));
            List<String> functions = new ArrayList<>();
            for (int slot = 0; slot < disks; slot++) {
                functions.add(String.format("0000:3b:%02x.%x", slot / 8, slot % 8));
            }
            SpdkProvider provider = new SpdkProvider(
                    new SpdkRpc(spdk.socket(), Duration.ofSeconds(10)),
                    SpdkProvider.Controller.VHOST,
                    "iqn.2024-01.org.metalvirt:" + spec.name());
            // The simulated SPDK starts empty at every daemon start: disks recorded before do not exist in it.
            Files.deleteIfExists(spec.stateDir().resolve(spec.name() + ".disks.json"));
            SysfsNic card = new SysfsNic(nic.sysfs(), SimulatedNic.PF);
            List<PciFunction> blk =
                    functions.stream().map(PciFunction::virtioBlk).toList();
            return NodeDriver.inventoryOnly(
                            spec.name(),
                            () -> spec.inventory()
                                    .withNics(List.of(card.describe()))
                                    .withBlockFunctions(blk))
                    .withPower(power)
                    .withNetwork(new SriovNetworkAttachment(
                            spec.name(), card, nic, spec.runtimeDir(), spec.stateDir(), Optional.empty()))
                    .withStorage(new SimBoardDisks(
                            new SmartNicBlockStorage(spec.name(), functions, provider, spec.stateDir()), spdk))
                    .withConsole(new SimConsole(server))
                    .withHostStatistics(new SimHostStatistics(server, spec.inventory()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the simulated board of " + spec.name(), e);
        }
    }
}
