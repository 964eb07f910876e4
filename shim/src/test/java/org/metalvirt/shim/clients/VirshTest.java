package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.remote.MetalvirtVersion;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.TestHosts;
import org.metalvirt.shim.testing.Virsh;
import org.w3c.dom.Document;

/** Debian's virsh, over TCP and both Unix sockets, against a running daemon. */
class VirshTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    private static Command.Result virsh(String uri, String... args) {
        return new Virsh(uri).run(args);
    }

    private static String baremetal() {
        return DAEMON.tcpUri("baremetal");
    }

    private static String qemuUnix() {
        return DAEMON.unixUri("qemu", false);
    }

    @Test
    void versionOnTheBaremetalDriverReportsMetalvirtItself() {
        String out = virsh(baremetal(), "version", "--daemon").assertSuccess().stdout();

        assertTrue(out.contains("Using API: BAREMETAL 9.0.0"), out);
        String expected = MetalvirtVersion.text().replaceAll("-.*", "");
        assertTrue(out.contains("Running hypervisor: BAREMETAL " + expected), out);
        assertTrue(out.contains("Running against daemon: 9.0.0"), out);
    }

    @Test
    void versionOnTheQemuDriverPassesNovasMinimums() {
        String out = virsh(qemuUnix(), "version", "--daemon").assertSuccess().stdout();

        assertTrue(out.contains("Using API: QEMU 9.0.0"), out);
        assertTrue(out.contains("Running hypervisor: QEMU 7.2.0"), out);
        assertTrue(out.contains("Running against daemon: 9.0.0"), out);
    }

    @Test
    void hostnameIsTheDaemonsHost() {
        assertEquals(
                "card-7",
                virsh(baremetal(), "hostname").assertSuccess().stdout().strip());
    }

    @Test
    void uriIsTheOneTheClientOpened() {
        assertEquals(
                qemuUnix(), virsh(qemuUnix(), "uri").assertSuccess().stdout().strip());
    }

    @Test
    void nodeinfoDescribesTheServer() {
        Map<String, String> info =
                fields(virsh(baremetal(), "nodeinfo").assertSuccess().stdout());

        assertEquals("x86_64", info.get("CPU model"));
        assertEquals("16", info.get("CPU(s)"));
        assertEquals("2100 MHz", info.get("CPU frequency"));
        assertEquals("1", info.get("CPU socket(s)"));
        assertEquals("4", info.get("Core(s) per socket"));
        assertEquals("2", info.get("Thread(s) per core"));
        assertEquals("2", info.get("NUMA cell(s)"));
        assertEquals("16777216 KiB", info.get("Memory size"));
    }

    @Test
    void capabilitiesCarryTheServersNumaCells() throws Exception {
        Document caps = xml(virsh(qemuUnix(), "capabilities").assertSuccess().stdout());
        var xpath = XPathFactory.newInstance().newXPath();

        assertEquals(TestHosts.SERVER_UUID.toString(), xpath.evaluate("/capabilities/host/uuid", caps));
        assertEquals("2", xpath.evaluate("/capabilities/host/topology/cells/@num", caps));
        assertEquals("8388608", xpath.evaluate("//cell[@id='1']/memory", caps));
        assertEquals("kvm", xpath.evaluate("/capabilities/guest/arch/domain[@type='kvm']/@type", caps));
    }

    @Test
    void sysinfoCarriesTheServersSerial() throws Exception {
        Document sysinfo = xml(virsh(baremetal(), "sysinfo").assertSuccess().stdout());

        assertEquals(
                "SN-0042",
                XPathFactory.newInstance().newXPath().evaluate("/sysinfo/system/entry[@name='serial']", sysinfo));
    }

    @Test
    void maxvcpusIsEveryLogicalCpuOfTheServer() {
        assertEquals(
                "16", virsh(baremetal(), "maxvcpus").assertSuccess().stdout().strip());
    }

    @Test
    void freecellReportsTheWholeServerAndEachCell() {
        String total = virsh(baremetal(), "freecell").assertSuccess().stdout();
        String all = virsh(baremetal(), "freecell", "--all").assertSuccess().stdout();
        String cell1 =
                virsh(baremetal(), "freecell", "--cellno", "1").assertSuccess().stdout();

        assertTrue(total.contains("Total: 16777216 KiB"), total);
        assertTrue(all.matches("(?s).*0:\\s+8388608 KiB.*1:\\s+8388608 KiB.*Total:\\s+16777216 KiB.*"), all);
        assertTrue(cell1.contains("1: 8388608 KiB"), cell1);
    }

    @Test
    void freecellOfACellTheServerDoesNotHaveIsAnError() {
        Command.Result result = virsh(baremetal(), "freecell", "--cellno", "7");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("start cell 7 out of range (0-1)"), result.stderr());
    }

    @Test
    void nodecpumapShowsEveryLogicalCpuOfTheServerOnline() {
        Map<String, String> map =
                fields(virsh(baremetal(), "nodecpumap").assertSuccess().stdout());

        assertEquals("16", map.get("CPUs present"));
        assertEquals("16", map.get("CPUs online"));
        assertEquals("y".repeat(16), map.get("CPU map"));
    }

    @Test
    void listAllShowsNoDomainsOnAFreshDaemon() {
        String out = virsh(qemuUnix(), "list", "--all").assertSuccess().stdout();

        assertEquals(
                List.of("Id   Name   State", "--------------------"),
                out.strip().lines().map(String::strip).toList());
    }

    @Test
    void theReadOnlySocketServesReadOnlyVirsh() {
        Command.Result result =
                Command.run(Duration.ofSeconds(30), "virsh", "-r", "-c", DAEMON.unixUri("qemu", true), "hostname");

        assertEquals("card-7", result.assertSuccess().stdout().strip());
    }

    @Test
    void aUriOfAnotherDriverIsRefused() {
        Command.Result result = virsh("xen+tcp://127.0.0.1:" + DAEMON.tcpPort() + "/system", "hostname");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("no connection driver available for xen:///system"), result.stderr());
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new TreeMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(
                        line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
