package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.CinderSecret;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * What a server can honestly tell of itself, through Debian's virsh on the {@code sim} backend:
 * its state, vCPUs as the server's CPUs, memory and devices as defined, its idle processors;
 * libvirt's errors for what the card cannot see (CPU time, the guest's names and addresses).
 */
class VirshStatsTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @TempDir
    Path dir;

    private Virsh virsh;

    @BeforeEach
    void define() {
        virsh = new Virsh(DAEMON.tcpUri("qemu"));
        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        CinderSecret.define(virsh, dir);
        virsh.ok("attach-device", "web-1", Resources.file(dir, "domains/vf.xml").toString(), "--config");
        virsh.ok(
                "attach-device",
                "web-1",
                Resources.file(dir, "domains/disk-rbd.xml").toString(),
                "--config");
    }

    @AfterEach
    void undefine() {
        if (!virsh.ok("domstate", "web-1").equals("shut off")) {
            virsh.ok("destroy", "web-1");
        }
        virsh.run("undefine", "web-1");
    }

    private static List<String> lines(String out) {
        return out.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    @Test
    void domstatsOfAShutOffServerIsItsDefinition() {
        assertEquals(
                List.of(
                        "Domain: 'web-1'",
                        "state.state=5",
                        "state.reason=0",
                        "balloon.current=4194304",
                        "balloon.maximum=4194304",
                        "vcpu.current=4",
                        "vcpu.maximum=4",
                        "block.count=1",
                        "block.0.name=vdb"),
                lines(virsh.ok("domstats", "web-1")));
    }

    @Test
    void domstatsOfARunningServerHasItsVcpusAndDevicesButNoFiguresTheCardCannotCount() {
        virsh.ok("start", "web-1");

        assertEquals(
                List.of(
                        "Domain: 'web-1'",
                        "state.state=1",
                        "state.reason=1",
                        "balloon.current=4194304",
                        "balloon.maximum=4194304",
                        "vcpu.current=4",
                        "vcpu.maximum=4",
                        "vcpu.0.state=1",
                        "vcpu.1.state=1",
                        "vcpu.2.state=1",
                        "vcpu.3.state=1",
                        "net.count=1",
                        "net.0.name=fa:16:3e:11:22:33",
                        "block.count=1",
                        "block.0.name=vdb"),
                lines(virsh.ok("domstats", "web-1")));
    }

    @Test
    void domstatsGivesOnlyTheGroupsAskedForAndFiltersAsListDoes() {
        assertEquals(
                List.of("Domain: 'web-1'", "state.state=5", "state.reason=0"),
                lines(virsh.ok("domstats", "--state", "web-1")));
        assertEquals(
                List.of("Domain: 'web-1'", "state.state=5", "state.reason=0"),
                lines(virsh.ok("domstats", "--state", "--list-shutoff")));
        assertEquals(List.of(), lines(virsh.ok("domstats", "--state", "--list-running")));
        // A group a server does not have is left out, or refused when it must be given.
        assertEquals(List.of("Domain: 'web-1'"), lines(virsh.ok("domstats", "--cpu-total", "web-1")));
        Command.Result enforced = virsh.run("domstats", "--cpu-total", "--enforce", "web-1");
        assertNotEquals(0, enforced.exitCode());
        assertTrue(enforced.stderr().contains("Stats types bits 0x2 are not supported"), enforced.stderr());
    }

    @Test
    void vcpuinfoShowsEachVcpuOnItsOwnCpuFreeToRunOnAllWithoutATime() {
        virsh.ok("start", "web-1");

        String out = virsh.ok("vcpuinfo", "web-1");

        assertTrue(
                out.startsWith("VCPU:           0\nCPU:            0\nState:          running\n"
                        + "CPU Affinity:   yyyyyyyyyyyyyyyy"),
                out);
        assertTrue(out.contains("VCPU:           3\nCPU:            3\nState:          running"), out);
        assertFalse(out.contains("CPU time"), out);
    }

    @Test
    void vcpuinfoOfAShutOffServerIsItsPinningOnly() {
        String out = virsh.ok("vcpuinfo", "web-1");

        assertTrue(
                out.startsWith("VCPU:           0\nCPU:            N/A\nState:          N/A\nCPU time        N/A\n"
                        + "CPU Affinity:   yyyyyyyyyyyyyyyy"),
                out);
    }

    @Test
    void vcpupinShowsEveryVcpuFreeToRunOnEveryCpu() {
        String out = virsh.ok("vcpupin", "web-1");

        assertEquals(
                List.of(
                        "VCPU   CPU Affinity",
                        "----------------------",
                        "0      0-15",
                        "1      0-15",
                        "2      0-15",
                        "3      0-15"),
                lines(out));
    }

    @Test
    void domjobinfoHasNoJobOnARunningServerAndRefusesAShutOffOne() {
        Command.Result off = virsh.run("domjobinfo", "web-1");
        assertNotEquals(0, off.exitCode());
        assertTrue(off.stderr().contains("domain is not running"), off.stderr());

        virsh.ok("start", "web-1");

        assertEquals("Job type:         None", virsh.ok("domjobinfo", "web-1"));
        assertEquals("Job type:         None", virsh.ok("domjobinfo", "--completed", "web-1"));
    }

    @Test
    void cpuStatsOfTheServerAreNotSeenByTheCard() {
        virsh.ok("start", "web-1");

        Command.Result stats = virsh.run("cpu-stats", "web-1");

        assertNotEquals(0, stats.exitCode());
        assertTrue(
                stats.stderr()
                        .contains("this function is not supported by the connection driver: virDomainGetCPUStats"),
                stats.stderr());
    }

    @Test
    void nodecpustatsAndNodememstatsAreTheSimulatedServersOwnIdleLoad() {
        List<String> cpu = lines(virsh.ok("nodecpustats"));
        assertEquals(4, cpu.size(), cpu.toString());
        assertTrue(cpu.get(0).matches("user:\\s+0"), cpu.toString());
        assertTrue(cpu.get(1).matches("system:\\s+0"), cpu.toString());
        assertTrue(cpu.get(2).matches("idle:\\s+\\d+"), cpu.toString());
        assertTrue(lines(virsh.ok("nodecpustats", "--cpu", "3")).get(2).startsWith("idle:"));

        assertEquals(
                List.of("total  :             16777216 KiB", "free   :             16777216 KiB"),
                lines(virsh.ok("nodememstats")));
        assertEquals(
                List.of("total  :              8388608 KiB", "free   :              8388608 KiB"),
                lines(virsh.ok("nodememstats", "--cell", "1")));

        Command.Result noSuchCpu = virsh.run("nodecpustats", "--cpu", "16");
        assertNotEquals(0, noSuchCpu.exitCode());
    }

    @Test
    void domhostnameAndDomifaddrHaveNoSourceOnAServer() {
        virsh.ok("start", "web-1");

        Command.Result agent = virsh.run("domhostname", "web-1");
        assertNotEquals(0, agent.exitCode());
        assertTrue(agent.stderr().contains("guest agent is not configured"), agent.stderr());
        Command.Result lease = virsh.run("domhostname", "--source", "lease", "web-1");
        assertNotEquals(0, lease.exitCode());
        assertTrue(lease.stderr().contains("no hostname found for domain web-1"), lease.stderr());

        // No lease of the daemon's names the VF's MAC: an empty table, as QEMU's for a hostdev interface.
        assertEquals(
                List.of(
                        "Name       MAC address          Protocol     Address",
                        "-------------------------------------------------------------------------------"),
                lines(virsh.ok("domifaddr", "web-1")));
        Command.Result arp = virsh.run("domifaddr", "--source", "arp", "web-1");
        assertNotEquals(0, arp.exitCode());
        assertTrue(
                arp.stderr().contains("not supported by the connection driver: virDomainInterfaceAddresses"),
                arp.stderr());
    }

    /** The sim backend cannot tell a disk's health: libvirt's "not supported", never "No errors found". */
    @Test
    void domblkerrorIsNotSupportedWhereTheCardCannotTellAndRefusedWhileShutOff() {
        Command.Result off = virsh.run("domblkerror", "web-1");
        assertNotEquals(0, off.exitCode());
        assertTrue(off.stderr().contains("domain is not running"), off.stderr());

        virsh.ok("start", "web-1");

        Command.Result unknown = virsh.run("domblkerror", "web-1");
        assertNotEquals(0, unknown.exitCode());
        assertTrue(
                unknown.stderr().contains("not supported by the connection driver: virDomainGetDiskErrors"),
                unknown.stderr());
    }
}
