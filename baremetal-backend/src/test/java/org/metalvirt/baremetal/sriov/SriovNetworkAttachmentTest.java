package org.metalvirt.baremetal.sriov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.testing.RecordingRunner;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.SriovNic;
import org.metalvirt.node.VirtualFunction;

/** SR-IOV over a fake sysfs tree and a recording command runner: the commands, and the state that survives. */
class SriovNetworkAttachmentTest {

    @TempDir
    Path root;

    private Path sysfs;
    private Path state;
    private final RecordingRunner runner = new RecordingRunner();

    @BeforeEach
    void fakeSysfs() throws IOException {
        sysfs = root.resolve("sys");
        state = root.resolve("state");
        Path device = sysfs.resolve("devices/pci0000:00/0000:3b:00.0");
        Files.createDirectories(device);
        Files.writeString(device.resolve("sriov_totalvfs"), "8\n");
        Files.writeString(device.resolve("sriov_numvfs"), "0\n");
        for (int vf = 0; vf < 3; vf++) {
            Path vfDevice = sysfs.resolve("devices/pci0000:00/0000:3b:02." + vf);
            Files.createDirectories(vfDevice);
            Files.createSymbolicLink(device.resolve("virtfn" + vf), Path.of("../0000:3b:02." + vf));
        }
        Files.createDirectories(sysfs.resolve("class/net/ens1f0"));
        Files.createSymbolicLink(sysfs.resolve("class/net/ens1f0/device"), device);
        Files.createDirectories(sysfs.resolve("class/net/lo"));
    }

    private SriovNetworkAttachment nic() {
        return new SriovNetworkAttachment("n1", new SysfsNic(sysfs, "ens1f0"), runner, state, Optional.empty());
    }

    private static VirtualFunction vf(String id, String mac, OptionalInt vlan) {
        return new VirtualFunction(id, mac, vlan, true, false);
    }

    @Test
    void physicalFunctionsAndTheirVfsAreFoundInSysfs() {
        assertEquals(List.of("ens1f0"), SysfsNic.physicalFunctions(sysfs));
        SysfsNic nic = new SysfsNic(sysfs, "ens1f0");
        assertEquals(8, nic.totalVfs());
        assertEquals(
                List.of(
                        new SriovNic.Vf(0, "0000:3b:02.0"),
                        new SriovNic.Vf(1, "0000:3b:02.1"),
                        new SriovNic.Vf(2, "0000:3b:02.2")),
                nic.vfs());
    }

    @Test
    void enablingWritesTheCountAndAChangeGoesThroughZero() throws IOException {
        SysfsNic nic = new SysfsNic(sysfs, "ens1f0");
        nic.enable(4);
        assertEquals(
                "4",
                Files.readString(sysfs.resolve("class/net/ens1f0/device/sriov_numvfs"))
                        .strip());
        nic.enable(4);
        assertEquals(4, nic.numVfs());
        assertEquals(
                ErrorNumber.OPERATION_INVALID,
                assertThrows(VirtException.class, () -> nic.enable(9)).number());
    }

    @Test
    void attachProgramsTheLowestFreeVfAndReturnsItsPciAddress() {
        SriovNetworkAttachment nic = nic();
        assertEquals("0000:3b:02.0", nic.attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.of(100))));
        assertEquals(
                "0000:3b:02.1",
                nic.attach(new VirtualFunction("net1", "52:54:00:aa:bb:02", OptionalInt.empty(), false, true)));
        assertEquals(
                List.of(
                        "ip link set ens1f0 vf 0 mac 52:54:00:aa:bb:01 vlan 100 spoofchk on trust off state auto",
                        "ip link set ens1f0 vf 1 mac 52:54:00:aa:bb:02 spoofchk off trust on state auto"),
                runner.lines());
        assertEquals(List.of("net0", "net1"), nic.attached());
    }

    @Test
    void detachClearsTheVfAndFreesIt() {
        SriovNetworkAttachment nic = nic();
        nic.attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.of(100)));
        nic.attach(vf("net1", "52:54:00:aa:bb:02", OptionalInt.empty()));
        runner.clear();

        nic.detach("net0");

        assertEquals(List.of("ip link set ens1f0 vf 0 mac 00:00:00:00:00:00 vlan 0"), runner.lines());
        assertEquals(List.of("net1"), nic.attached());
        assertEquals("0000:3b:02.0", nic.attach(vf("net2", "52:54:00:aa:bb:03", OptionalInt.empty())));
    }

    @Test
    void assignmentsSurviveADaemonRestart() {
        nic().attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.empty()));
        nic().attach(vf("net1", "52:54:00:aa:bb:02", OptionalInt.empty()));

        SriovNetworkAttachment restarted = nic();

        assertEquals(List.of("net0", "net1"), restarted.attached());
        assertEquals("0000:3b:02.2", restarted.attach(vf("net2", "52:54:00:aa:bb:03", OptionalInt.empty())));
        runner.clear();
        restarted.detach("net1");
        assertEquals(List.of("ip link set ens1f0 vf 1 mac 00:00:00:00:00:00 vlan 0"), runner.lines());
        assertEquals(List.of("net0", "net2"), nic().attached());
    }

    @Test
    void assignmentsAreRuntimeStateAndThoseAnEarlierVersionKeptInTheStateDirectoryAreTakenOver() throws IOException {
        Path run = root.resolve("run");
        nic().attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.empty()));
        assertTrue(Files.exists(state.resolve("n1.vfs.json")), "as an earlier version kept it");

        SriovNetworkAttachment upgraded =
                new SriovNetworkAttachment("n1", new SysfsNic(sysfs, "ens1f0"), runner, run, state, Optional.empty());

        assertEquals(List.of("net0"), upgraded.attached());
        assertTrue(Files.exists(run.resolve("n1.vfs.json")));
        assertFalse(Files.exists(state.resolve("n1.vfs.json")));
        upgraded.attach(vf("net1", "52:54:00:aa:bb:02", OptionalInt.empty()));
        // A reboot of the card empties the runtime directory, and resets the NIC the VFs were programmed on.
        Files.delete(run.resolve("n1.vfs.json"));
        SriovNetworkAttachment rebooted =
                new SriovNetworkAttachment("n1", new SysfsNic(sysfs, "ens1f0"), runner, run, state, Optional.empty());
        assertEquals(List.of(), rebooted.attached());
        assertEquals("0000:3b:02.0", rebooted.attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.empty())));
    }

    @Test
    void whenAllVfsAreTakenAttachFails() {
        SriovNetworkAttachment nic = nic();
        for (int i = 0; i < 3; i++) {
            nic.attach(vf("net" + i, "52:54:00:aa:bb:0" + i, OptionalInt.empty()));
        }
        assertEquals(
                ErrorNumber.OPERATION_FAILED,
                assertThrows(
                                VirtException.class,
                                () -> nic.attach(vf("net9", "52:54:00:aa:bb:09", OptionalInt.empty())))
                        .number());
    }

    @Test
    void aFailedIpCommandLeavesTheVfFree() {
        runner.answering(command -> CommandResult.failure(2, "RTNETLINK answers: Operation not permitted"));
        SriovNetworkAttachment nic = nic();
        VirtException failed = assertThrows(
                VirtException.class, () -> nic.attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.empty())));
        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
        assertEquals(List.of(), nic.attached());
    }

    @Test
    void theSameInterfaceTwiceIsInvalidAndAnUnknownOneIsMissing() {
        SriovNetworkAttachment nic = nic();
        nic.attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.empty()));
        assertEquals(
                ErrorNumber.OPERATION_INVALID,
                assertThrows(
                                VirtException.class,
                                () -> nic.attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.empty())))
                        .number());
        assertEquals(
                ErrorNumber.DEVICE_MISSING,
                assertThrows(VirtException.class, () -> nic.detach("nope")).number());
    }

    @Test
    void onADpuTheHostVfsMacIsSetThroughItsDevlinkPortFunction() {
        String ports = """
                {"port":{"pci/0000:03:00.0/0":{"type":"eth","netdev":"p0","flavour":"physical","port":0},
                         "pci/0000:03:00.0/32768":{"type":"eth","netdev":"pf0vf0","flavour":"pcivf",
                                                   "controller":1,"pfnum":0,"vfnum":0,"external":true},
                         "pci/0000:03:00.0/32769":{"type":"eth","netdev":"pf0vf1","flavour":"pcivf",
                                                   "controller":1,"pfnum":0,"vfnum":1,"external":true}}}
                """;
        runner.answering(command -> CommandResult.ok(command.line().equals("devlink -j port show") ? ports : ""));
        SriovNetworkAttachment dpu =
                new SriovNetworkAttachment("n1", new SysfsNic(sysfs, "ens1f0"), runner, state, Optional.of(1));
        dpu.attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.empty()));
        dpu.attach(vf("net1", "52:54:00:aa:bb:02", OptionalInt.empty()));
        dpu.detach("net1");
        assertEquals(
                List.of(
                        "ip link set ens1f0 vf 0 mac 52:54:00:aa:bb:01 spoofchk on trust off state auto",
                        "devlink -j port show",
                        "devlink port function set pci/0000:03:00.0/32768 hw_addr 52:54:00:aa:bb:01",
                        "ip link set ens1f0 vf 1 mac 52:54:00:aa:bb:02 spoofchk on trust off state auto",
                        "devlink -j port show",
                        "devlink port function set pci/0000:03:00.0/32769 hw_addr 52:54:00:aa:bb:02",
                        "ip link set ens1f0 vf 1 mac 00:00:00:00:00:00 vlan 0",
                        "devlink -j port show",
                        "devlink port function set pci/0000:03:00.0/32769 hw_addr 00:00:00:00:00:00"),
                runner.lines());
    }

    @Test
    void whenDevlinkFailsAfterIpLinkTheVfIsClearedAgainAndStaysFree() {
        runner.answering(command -> command.line().startsWith("devlink")
                ? CommandResult.failure(1, "devlink answers: No such device")
                : CommandResult.ok(""));
        SriovNetworkAttachment dpu =
                new SriovNetworkAttachment("n1", new SysfsNic(sysfs, "ens1f0"), runner, state, Optional.of(1));

        VirtException failed = assertThrows(
                VirtException.class, () -> dpu.attach(vf("net0", "52:54:00:aa:bb:01", OptionalInt.empty())));

        assertEquals(ErrorNumber.OPERATION_FAILED, failed.number());
        assertEquals(
                List.of(
                        "ip link set ens1f0 vf 0 mac 52:54:00:aa:bb:01 spoofchk on trust off state auto",
                        "devlink -j port show",
                        "ip link set ens1f0 vf 0 mac 00:00:00:00:00:00 vlan 0"),
                runner.lines());
        assertEquals(List.of(), dpu.attached());
        assertEquals(List.of(), nic().attached(), "nothing recorded for a restart either");
    }

    @Test
    void theNeighbourTableGivesTheAddressesTheServersMacWasSeenWith() {
        String table = "[{\"dst\":\"192.0.2.21\",\"dev\":\"ens1f0\",\"lladdr\":\"fa:16:3e:11:22:33\","
                + "\"state\":[\"REACHABLE\"]},"
                + "{\"dst\":\"192.0.2.22\",\"dev\":\"ens1f0\",\"lladdr\":\"FA:16:3E:11:22:33\",\"state\":[\"STALE\"]},"
                + "{\"dst\":\"192.0.2.23\",\"dev\":\"ens1f0\",\"lladdr\":\"fa:16:3e:11:22:33\",\"state\":[\"FAILED\"]},"
                + "{\"dst\":\"192.0.2.30\",\"dev\":\"ens1f0\",\"lladdr\":\"52:54:00:00:00:01\","
                + "\"state\":[\"REACHABLE\"]},"
                + "{\"dst\":\"192.0.2.40\",\"dev\":\"ens1f0\",\"state\":[\"INCOMPLETE\"]}]";
        runner.answering(command -> CommandResult.ok(table));

        assertEquals(List.of("192.0.2.21", "192.0.2.22"), nic().neighbours("fa:16:3e:11:22:33"));
        assertEquals(List.of("ip -4 -j neigh show"), runner.lines());
        assertEquals(List.of(), nic().neighbours("fa:16:3e:99:99:99"));
    }
}
