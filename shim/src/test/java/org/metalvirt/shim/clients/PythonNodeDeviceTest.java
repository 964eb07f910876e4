package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * python3-libvirt's node-device calls as Nova's PCI tracker makes them, on {@code simboard}: the
 * capability flags of listAllDevices, each VF with its PF, ids and parent, and libvirt's errors.
 */
class PythonNodeDeviceTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RunningDaemon::simboard);

    @Test
    void nodeDevicesAsNovasTrackerReadsThem() {
        JsonNode result = Python.run(Duration.ofSeconds(60), "node_devices.py", DAEMON.tcpUri("qemu"));

        assertEquals(1 + 1 + 8 + 1 + 8, result.get("all").size(), result.toString());
        assertEquals(8 + 1 + 8 + 1, result.get("pciAndNet").size(), result.toString());
        assertEquals("[\"pci_0000_5e_00_0\"]", result.get("vpd").toString());
        assertEquals(17, result.get("count").asInt());
        assertEquals("[\"net_sim0_0c_42_a1_5e_00_00\"]", result.get("listed").toString());
        JsonNode vfs = result.get("vfs");
        assertEquals(8, vfs.size());
        JsonNode first = vfs.get("pci_0000_5e_00_2");
        assertEquals("0000:5e:00.0", first.get("pf").asText());
        assertEquals("0x15b3", first.get("vendor").asText());
        assertEquals("0x1018", first.get("product").asText());
        assertEquals("[\"pci\"]", first.get("caps").toString());
        assertEquals("computer", first.get("parent").asText());
        assertEquals("[\"pci\",\"vpd\"]", result.get("pfCaps").toString());

        assertEquals(53, result.get("unknown").get("code").asInt()); // VIR_ERR_NO_NODE_DEVICE
        assertEquals(22, result.get("unknown").get("domain").asInt()); // VIR_FROM_NODEDEV
        assertEquals(53, result.get("wwn").get("code").asInt());
        assertTrue(result.get("detach").isNull(), result.toString());
        assertEquals(74, result.get("kvm").get("code").asInt()); // VIR_ERR_ARGUMENT_UNSUPPORTED
        assertEquals(3, result.get("create").get("code").asInt()); // VIR_ERR_NO_SUPPORT
    }

    @Test
    void aReadOnlyConnectionListsAndReadsButDetachesNothing() {
        JsonNode result =
                Python.run(Duration.ofSeconds(60), "node_devices.py", DAEMON.unixUri("baremetal", true), "ro");

        assertEquals(8, result.get("vfs").size());
        assertEquals(29, result.get("detach").get("code").asInt()); // VIR_ERR_OPERATION_DENIED
    }
}
