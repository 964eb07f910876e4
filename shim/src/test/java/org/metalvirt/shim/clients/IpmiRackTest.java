package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metalvirt.baremetal.testing.IpmiSim;
import org.metalvirt.shim.server.DaemonConfig;
import org.metalvirt.shim.server.NodeConfig;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Trees;
import org.metalvirt.shim.testing.Virsh;

/**
 * Real BMCs at rack scale: 20 OpenIPMI {@code ipmi_sim} BMCs behind one daemon, each node's
 * power read on the daemon's one poll schedule, half through ipmitool, half through the native
 * RMCP+ client. A chassis powered off or on by
 * another IPMI client (ipmitool against that one BMC) is the domain's lifecycle event at the next
 * poll, as a server's own button is.
 */
class IpmiRackTest {

    private static final int BMCS = 20;
    private static final Duration CHANGE = Duration.ofSeconds(60);
    /** A chassis whose power is a file: what the BMC is told is what it reports. */
    private static final String CHASSIS = """
            #!/bin/sh
            D=$(dirname "$0")
            case "$1 $2" in
            "get power") echo "power:$(cat "$D/power" 2>/dev/null || echo 0)" ;;
            "set power") echo "$3" > "$D/power" ;;
            "set shutdown") echo 0 > "$D/power" ;;
            "set boot") echo "$3" > "$D/boot" ;;
            "get boot") echo "boot:$(cat "$D/boot" 2>/dev/null || echo default)" ;;
            esac
            exit 0
            """;

    private static Path dir;
    private static final List<IpmiSim> BMC = new ArrayList<>();
    private static RunningDaemon daemon;
    private static Virsh virsh;

    @BeforeAll
    static void rack() throws Exception {
        dir = Files.createTempDirectory("mvd-ipmi-rack");
        for (int i = 0; i < BMCS; i++) {
            Path bmc = dir.resolve("bmc" + i);
            Path chassis = IpmiSim.script(bmc, "chassis.sh", CHASSIS);
            BMC.add(IpmiSim.start(
                    bmc, "bmc" + i, "secret-" + i, List.of("chassis_control \"" + chassis + "\""), List.of()));
        }
        daemon = new RunningDaemon(IpmiRackTest::nodes);
        daemon.beforeAll(null);
        virsh = new Virsh(daemon.tcpUri("qemu"));
        for (int i = 0; i < BMCS; i++) {
            Path xml = dir.resolve("bm" + i + ".xml");
            Files.writeString(xml, """
                    <domain type='kvm'><name>bm%d</name><memory unit='MiB'>1024</memory><vcpu>1</vcpu>
                    <os><type arch='x86_64'>hvm</type></os>
                    <metadata><mv:node xmlns:mv='https://metalvirt.org/xmlns/domain/1'>ipmi%d</mv:node></metadata>
                    </domain>""".formatted(i, i));
            virsh.ok("define", xml.toString());
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (daemon != null) {
            daemon.afterAll(null);
        }
        BMC.forEach(IpmiSim::close);
        Trees.delete(dir);
    }

    @Test
    void aChassisPoweredOffAndOnByAnotherIpmiClientIsTheDomainsLifecycleEventWithEitherClient() throws Exception {
        virsh.ok("start", "bm4");
        assertEquals("Chassis Power is on", BMC.get(4).ipmitool("chassis", "power", "status"));
        int before = daemon.daemon().events().registrations();
        try (LineWatcher events = LineWatcher.start(
                "virsh", "-c", daemon.tcpUri("qemu"), "event", "--event", "lifecycle", "--loop", "--timeout", "120")) {
            await("virsh event registered")
                    .atMost(CHANGE)
                    .until(() -> daemon.daemon().events().registrations() > before);

            BMC.get(4).ipmitool("chassis", "power", "off"); // out of band: another IPMI client
            BMC.get(17).ipmitool("chassis", "power", "on");

            Set<String> expected = Set.of(
                    "event 'lifecycle' for domain 'bm4': Stopped Shutdown",
                    "event 'lifecycle' for domain 'bm17': Started Booted");
            List<String> lines = events.awaitLine(line -> expected.contains(line), CHANGE);
            events.awaitLine(line -> expected.contains(line) && !lines.contains(line), CHANGE);
        }
        assertEquals("shut off (shutdown)", virsh.ok("domstate", "bm4", "--reason"));
        assertEquals("running (unknown)", virsh.ok("domstate", "bm17", "--reason"));
        virsh.ok("destroy", "bm17");
        assertEquals("Chassis Power is off", BMC.get(17).ipmitool("chassis", "power", "status"));
    }

    private static void nodes(DaemonConfig config) {
        config.domains.pollIntervalMillis = 1000;
        config.domains.pollConcurrency = 4;
        config.networks = List.of();
        config.nodes.clear();
        for (int i = 0; i < BMCS; i++) {
            NodeConfig node = RunningDaemon.rackNode("ipmi" + i, "baremetal");
            node.options.put("power", "ipmi");
            node.options.put("ipmi.address", "127.0.0.1");
            node.options.put("ipmi.port", Integer.toString(BMC.get(i).port()));
            node.options.put("ipmi.user", IpmiSim.USER);
            node.options.put("ipmi.passwordFile", BMC.get(i).passwordFile().toString());
            // Half the rack on the native RMCP+ client (the default), half forking ipmitool.
            node.options.put("ipmi.client", i % 2 == 0 ? "ipmitool" : "native");
            config.nodes.add(node);
        }
    }
}
