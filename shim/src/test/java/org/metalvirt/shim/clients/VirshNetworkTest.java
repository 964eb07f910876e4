package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * The card's SR-IOV pools as libvirt networks, through Debian's virsh and python3-libvirt, on the
 * simboard backend (a NIC whose PF {@code sim0} has two VFs in its sysfs tree).
 */
class VirshNetworkTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        RunningDaemon.simboard(config);
        config.nodes.get(0).options.put("maxVfs", "2");
    });

    private static Virsh virsh() {
        return new Virsh(DAEMON.tcpUri("qemu"));
    }

    private static String domain(String name, String... networks) {
        StringBuilder interfaces = new StringBuilder();
        for (String network : networks) {
            interfaces
                    .append("<interface type='network'><source network='")
                    .append(network)
                    .append("'/></interface>");
        }
        return "<domain type='kvm'><name>" + name + "</name><memory unit='GiB'>4</memory><vcpu>4</vcpu>"
                + "<os><type arch='x86_64' machine='q35'>hvm</type></os><devices>" + interfaces + "</devices></domain>";
    }

    private static Path write(Path dir, String name, String xml) throws IOException {
        return Files.writeString(dir.resolve(name), xml);
    }

    @Test
    void theNodesPfIsANetworkAtFirstStartWithItsVfsAsASchemaValidPool(@TempDir Path dir) throws IOException {
        assertEquals("physnet1", virsh().ok("net-list", "--all", "--name"));
        String info = virsh().ok("net-info", "physnet1");
        assertTrue(info.matches("(?s).*Active:\\s+yes.*Persistent:\\s+yes.*Autostart:\\s+yes.*"), info);
        String xml = virsh().ok("net-dumpxml", "physnet1");
        assertTrue(xml.contains("<forward mode='hostdev' managed='yes'>"), xml);
        assertTrue(xml.contains("<pf dev='sim0'/>"), xml);
        assertEquals(2, xml.split("<address type='pci'", -1).length - 1, xml);
        Path file = write(dir, "physnet1.xml", xml);
        Command.run(
                        Duration.ofSeconds(30),
                        "xmllint",
                        "--noout",
                        "--relaxng",
                        "/usr/share/libvirt/schemas/network.rng",
                        file.toString())
                .assertSuccess();
        String inactive = virsh().ok("net-dumpxml", "physnet1", "--inactive");
        assertTrue(!inactive.contains("<address"), inactive);
    }

    @Test
    void defineStartDestroyUndefineAutostartWithTheirEvents(@TempDir Path dir) throws Exception {
        String uri = DAEMON.tcpUri("qemu");
        int before = DAEMON.daemon().events().registrations();
        try (LineWatcher events = LineWatcher.start(
                "virsh", "-c", uri, "net-event", "--event", "lifecycle", "--loop", "--timeout", "120")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> DAEMON.daemon().events().registrations() > before);
            Path xml = write(
                    dir,
                    "storage.xml",
                    "<network><name>storage</name>"
                            + "<forward mode='passthrough'><pf dev='sim0'/></forward></network>");
            virsh().ok("net-define", xml.toString());
            assertEquals("no", field(virsh().ok("net-info", "storage"), "Active"));
            virsh().ok("net-start", "storage");
            virsh().ok("net-autostart", "storage");
            assertEquals("yes", field(virsh().ok("net-info", "storage"), "Autostart"));
            String live = virsh().ok("net-dumpxml", "storage");
            Command.run(
                            Duration.ofSeconds(30),
                            "xmllint",
                            "--noout",
                            "--relaxng",
                            "/usr/share/libvirt/schemas/network.rng",
                            write(dir, "live.xml", live).toString())
                    .assertSuccess();
            Command.Result again = virsh().run("net-start", "storage");
            assertTrue(again.stderr().contains("network is already active"), again.stderr());
            virsh().ok("net-destroy", "storage");
            Command.Result stopped = virsh().run("net-destroy", "storage");
            assertTrue(stopped.stderr().contains("network 'storage' is not active"), stopped.stderr());
            virsh().ok("net-undefine", "storage");

            List<String> lines = events.awaitLine(line -> line.contains("Undefined"), Duration.ofSeconds(30));
            assertEquals(
                    List.of(
                            "event 'lifecycle' for network storage: Defined",
                            "event 'lifecycle' for network storage: Started",
                            "event 'lifecycle' for network storage: Stopped",
                            "event 'lifecycle' for network storage: Undefined"),
                    lines.stream().filter(line -> line.startsWith("event ")).toList());
        }
        Command.Result gone = virsh().run("net-info", "storage");
        assertTrue(gone.stderr().contains("Network not found: no network with matching name 'storage'"), gone.stderr());
    }

    @Test
    void anInterfaceOfTheNetworkTakesAFreeVfAndGivesItBack(@TempDir Path dir) throws IOException {
        virsh().ok(
                        "define",
                        write(dir, "one.xml", domain("net-one", "physnet1")).toString());
        virsh().ok("start", "net-one");
        try {
            assertTrue(virsh().ok("net-dumpxml", "physnet1").startsWith("<network connections='1'>"));
            assertTrue(virsh().ok("dumpxml", "net-one").contains("<source network='physnet1'/>"));
        } finally {
            virsh().ok("destroy", "net-one");
            virsh().ok("undefine", "net-one");
        }
        assertTrue(virsh().ok("net-dumpxml", "physnet1").startsWith("<network>"));
    }

    @Test
    void aNetworkWithoutAFreeVfUnknownOrInactiveRefusesTheStart(@TempDir Path dir) throws IOException {
        virsh().ok(
                        "define",
                        write(dir, "three.xml", domain("net-three", "physnet1", "physnet1", "physnet1"))
                                .toString());
        virsh().ok("define", write(dir, "nope.xml", domain("net-nope", "nope")).toString());
        virsh().ok(
                        "net-define",
                        write(
                                        dir,
                                        "idle.xml",
                                        "<network><name>idle</name><forward mode='hostdev'><pf dev='sim0'/></forward></network>")
                                .toString());
        virsh().ok(
                        "define",
                        write(dir, "idle-user.xml", domain("net-idle", "idle")).toString());
        try {
            Command.Result full = virsh().run("start", "net-three");
            assertTrue(
                    full.stderr()
                            .contains(
                                    "network 'physnet1' requires exclusive access to interfaces, but none are available"),
                    full.stderr());
            Command.Result unknown = virsh().run("start", "net-nope");
            assertTrue(
                    unknown.stderr().contains("Network not found: no network with matching name 'nope'"),
                    unknown.stderr());
            Command.Result inactive = virsh().run("start", "net-idle");
            assertTrue(inactive.stderr().contains("network 'idle' is not active"), inactive.stderr());
            assertEquals("shut off", virsh().ok("domstate", "net-three"));
            assertEquals("shut off", virsh().ok("domstate", "net-idle"));
        } finally {
            virsh().ok("undefine", "net-three");
            virsh().ok("undefine", "net-nope");
            virsh().ok("undefine", "net-idle");
            virsh().ok("net-undefine", "idle");
        }
    }

    @Test
    void readOnlyConnectionsListAndReadButNeverChange() {
        Virsh readOnly = new Virsh(DAEMON.unixUri("qemu", true));
        assertEquals("physnet1", readOnly.ok("net-list", "--name"));
        assertTrue(readOnly.ok("net-dumpxml", "physnet1").contains("<pf dev='sim0'/>"));
        Command.Result denied = readOnly.run("net-destroy", "physnet1");
        assertTrue(denied.stderr().contains("read only access prevents virNetworkDestroy"), denied.stderr());
    }

    @Test
    void pythonListsAllNetworks() {
        String script = """
                import sys, libvirt
                conn = libvirt.open(sys.argv[1])
                for net in conn.listAllNetworks(libvirt.VIR_CONNECT_LIST_NETWORKS_ACTIVE):
                    print(net.name(), net.isActive(), net.isPersistent(), net.autostart(), net.UUIDString())
                print(len(conn.listAllNetworks(libvirt.VIR_CONNECT_LIST_NETWORKS_INACTIVE)))
                """;
        String out = Command.run(Duration.ofSeconds(30), "/usr/bin/python3", "-c", script, DAEMON.tcpUri("qemu"))
                .assertSuccess()
                .stdout();
        assertTrue(out.startsWith("physnet1 1 1 1 "), out);
        assertTrue(out.strip().endsWith("\n0"), out);
    }

    private static String field(String info, String name) {
        return info.lines()
                .filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + info));
    }
}
