package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.board.SimulatedNic;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * Nova's own SR-IOV and PCI passthrough code (Debian's python3-nova, Zed) on the {@code simboard}
 * server, whose card has a ConnectX-5 PF at 0000:5e:00.0 with eight VFs and a VPD serial, with
 * the {@code [pci]} configuration of {@code shim/docs/nova.md}.
 *
 * <p>Patched, as {@code nova_harness.py} lists them with why: its COMPUTE_HOST_SEAMS (the compute
 * host's O_DIRECT check through privsep, my_ip, file-backed memory, local disk, /proc/meminfo, and
 * Nova's database at init_host); the PCI tracker's devices already in Nova's database (none); and,
 * for the report compared with the one as deployed, its SERVER_SYSFS_SEAMS:
 * {@code nova.pci.utils.get_mac_by_pci_address} and {@code get_vf_num_by_pci_address}, which read
 * the compute host's /sys, answered from the card's node devices. The guest's define, start and
 * detaches patch nothing: a direct port that is not trusted needs nothing of the compute host.
 */
class NovaPciTest {

    private static final Path DOC = Path.of("docs", "nova.md");
    private static final Pattern PCI_INI = Pattern.compile("```ini\\n(\\[pci\\].*?)```", Pattern.DOTALL);
    private static final String PF = SimulatedNic.PF_ADDRESS;

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RunningDaemon::simboard);

    @Test
    void novaReportsTheCardsVfsWithTheirPfAndTracksThemForDirectPorts(@TempDir Path dir) throws IOException {
        Matcher conf = PCI_INI.matcher(Files.readString(DOC));
        assertTrue(conf.find(), "shim/docs/nova.md gives its [pci] configuration in an ini block");
        Path novaConf = Files.writeString(dir.resolve("nova.conf"), conf.group(1));

        JsonNode seen = Python.run(Duration.ofSeconds(120), "nova_pci.py", DAEMON.tcpUri("qemu"), novaConf.toString());
        String told = seen.toPrettyString();

        JsonNode report = seen.get("resources");
        assertEquals("type-PF", report.get(PF).get("dev_type").asText(), told);
        assertEquals("1017", report.get(PF).get("product_id").asText(), told);
        assertEquals(SimulatedNic.MAC, report.get(PF).get("mac_address").asText(), told);
        List<String> vfs = vfs();
        for (int index = 0; index < vfs.size(); index++) {
            JsonNode vf = report.get(vfs.get(index));
            assertEquals("type-VF", vf.get("dev_type").asText(), told);
            assertEquals(PF, vf.get("parent_addr").asText(), told);
            assertEquals("15b3", vf.get("vendor_id").asText(), told);
            assertEquals("1018", vf.get("product_id").asText(), told);
            assertEquals(0, vf.get("numa_node").asInt(), told);
            JsonNode caps = vf.get("capabilities");
            assertEquals(
                    SimulatedNic.SERIAL,
                    caps.get("vpd").get("card_serial_number").asText(),
                    told);
            assertEquals(
                    SimulatedNic.MAC, caps.get("sriov").get("pf_mac_address").asText(), told);
            assertEquals(index, caps.get("sriov").get("vf_num").asInt(), told);
        }
        assertEquals("type-PCI", report.get("0000:3b:00.0").get("dev_type").asText(), "a virtio-blk function\n" + told);
        assertEquals(seen.get("cardSysfs"), report, "get_available_resource carries the driver's report\n" + told);

        // as deployed, the compute host's /sys has none of the server's functions
        JsonNode deployed = seen.get("asDeployed");
        assertFalse(deployed.get(PF).has("mac_address"), told);
        assertFalse(deployed.get(vfs.get(0)).get("capabilities").has("sriov"), told);
        assertEquals(PF, deployed.get(vfs.get(0)).get("parent_addr").asText(), told);

        JsonNode tracker = seen.get("tracker");
        assertEquals(
                vfs.toString().replace(" ", ""),
                tracker.get("tracked").toString().replace("\"", ""),
                told);
        assertEquals(1, tracker.get("pools").size(), told);
        JsonNode pool = tracker.get("pools").get(0);
        assertEquals("physnet1", pool.get("physical_network").asText(), told);
        assertEquals("type-VF", pool.get("dev_type").asText(), told);
        assertEquals("false", pool.get("remote_managed").asText(), told);
        assertEquals(8, pool.get("count").asInt(), told);
        assertTrue(tracker.get("directPortFits").asBoolean(), told);
        assertFalse(tracker.get("remoteManagedPortFits").asBoolean(), told);
        assertTrue(tracker.get("aliasFits").get("cx5-vf").asBoolean(), told);

        assertTrue(seen.get("supportsRemoteManagedPorts").asBoolean(), told);
        JsonNode remote = seen.get("remoteManaged");
        assertEquals(8, remote.get("pools").get(0).get("count").asInt(), "the VFs carry the card's serial\n" + told);
        assertEquals("true", remote.get("pools").get(0).get("remote_managed").asText(), told);
        assertTrue(remote.get("remoteManagedPortFits").asBoolean(), told);
        assertFalse(remote.get("directPortFits").asBoolean(), told);

        // a port's binding profile: the off-path fields only with the compute host's /sys patched,
        // and never for VF number 0 (Nova sends them only when all are truthy)
        JsonNode profiles = seen.get("portProfiles");
        JsonNode second = profiles.get("cardSysfs").get(vfs.get(1));
        assertEquals(SimulatedNic.SERIAL, second.get("card_serial_number").asText(), told);
        assertEquals(SimulatedNic.MAC, second.get("pf_mac_address").asText(), told);
        assertEquals(1, second.get("vf_num").asInt(), told);
        assertEquals("physnet1", second.get("physical_network").asText(), told);
        assertFalse(profiles.get("cardSysfs").get(vfs.get(0)).has("vf_num"), told);
        assertFalse(profiles.get("asDeployed").get(vfs.get(1)).has("card_serial_number"), told);

        // what Nova resolves on the compute host selects nothing of the server
        assertEquals(
                "[\"" + PF + "\"]",
                seen.get("specs").get("byPfAddress").get("value").toString(),
                told);
        assertEquals("[]", seen.get("specs").get("byDevname").get("value").toString(), told);
        assertEquals(9, seen.get("specs").get("byVfAddresses").get("value").size(), told);
    }

    @Test
    void aDirectPortAndAPassthroughVfAreDefinedStartedAndDetachedByNova() {
        String port = SimulatedNic.vfAddress(2);
        String hostdev = SimulatedNic.vfAddress(3);

        JsonNode seen = Python.run(Duration.ofSeconds(120), "nova_sriov.py", DAEMON.tcpUri("qemu"), port, hostdev);
        String told = seen.toPrettyString();

        String xml = seen.get("xml").asText();
        assertTrue(xml.contains("<interface type=\"hostdev\" managed=\"yes\">"), told);
        assertTrue(xml.contains("<tag id=\"100\"/>"), told);
        assertTrue(xml.contains("<hostdev mode=\"subsystem\" type=\"pci\" managed=\"yes\">"), told);
        assertTrue(seen.get("runningReached").asBoolean(), told);
        assertEquals("{\"port\":true,\"hostdev\":true}", seen.get("liveHolds").toString(), told);
        assertEquals("{\"port\":true,\"hostdev\":true}", seen.get("cardHolds").toString(), told);
        assertTrue(seen.get("liveInterface").get("value").asBoolean(), told);

        assertEquals("done", seen.get("detachInterface").get("value").asText(), told);
        assertEquals(
                "DeviceRemovedEvent",
                seen.get("eventsAfterDetach").get(0).get("name").asText(),
                told);
        assertEquals("net0", seen.get("eventsAfterDetach").get(0).get("dev").asText(), told);
        assertEquals(
                "{\"live\":false,\"persistent\":false}",
                seen.get("afterDetachInterface").toString(),
                told);
        assertEquals("done", seen.get("detachHostdev").get("value").asText(), told);
        assertFalse(seen.get("afterDetachHostdev").get("live").asBoolean(), told);
        assertEquals(
                "{\"port\":false,\"hostdev\":false}",
                seen.get("cardHoldsAfterDetach").toString(),
                told);
        assertTrue(DAEMON.node("node0").network().attached().isEmpty(), "the instance deleted holds no VF");
    }

    private static List<String> vfs() {
        List<String> vfs = new ArrayList<>();
        for (int index = 0; index < 8; index++) {
            vfs.add(SimulatedNic.vfAddress(index));
        }
        return vfs;
    }
}
