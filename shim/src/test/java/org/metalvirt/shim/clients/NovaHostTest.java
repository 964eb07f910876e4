package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * What OpenStack Nova's own libvirt driver (python3-nova) learns of the server at start and in
 * its periodic resource update: Host's queries, {@code init_host} and
 * {@code get_available_resource} complete, and describe the server (its 2 × 4 × 2 CPUs in two
 * NUMA cells, 16 GiB, UEFI firmware, its storage bus). Only what the compute host's own OS or Nova's
 * database answers is patched; the script lists each patch and why.
 */
class NovaHostTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    private static JsonNode seen;
    private static String told;

    @BeforeAll
    static void askNova() {
        seen = Python.run(Duration.ofSeconds(120), "nova_host.py", DAEMON.tcpUri("qemu"));
        told = seen.toPrettyString();
    }

    @Test
    void hostQueriesDescribeTheServer() {
        assertEquals("Skylake-Server", seen.get("capabilities").get("model").asText(), told);
        assertEquals(2, seen.get("capabilities").get("cells").asInt(), told);
        assertEquals(
                "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]", value("onlineCpus").toString(), told);
        assertEquals(16384, value("memoryMbTotal").asInt(), told);
        assertEquals("[\"QEMU\",7002000,\"card-7\"]", value("version").toString(), told);
        assertEquals("[]", value("guests").toString(), told);
    }

    @Test
    void theServersFirmwareIsSeenAsUefiWithoutSecureBoot() {
        // the test server's firmware boots efi and bios, secure boot off (NovaDomcapsTest varies it)
        assertTrue(value("supportsUefi").asBoolean(), "Host.supports_uefi\n" + told);
        assertFalse(value("supportsSecureBoot").asBoolean(), "Host.supports_secure_boot\n" + told);
        assertFalse(value("domainCapabilities").isEmpty(), "Host.get_domain_capabilities\n" + told);
    }

    @Test
    void hostCpuStatsAreTheProperNotSupported() {
        JsonNode stats = seen.get("cpuStats");
        if (stats.get("ok").asBoolean()) {
            assertTrue(stats.get("value").has("kernel"), told);
        } else {
            assertEquals(3, stats.get("code").asInt(), "VIR_ERR_NO_SUPPORT, never made-up numbers\n" + told);
        }
    }

    @Test
    void initHostAndTheResourceUpdateComplete() {
        assertEquals("done", value("initHost").asText(), told);
        JsonNode resources = value("availableResource");
        assertEquals(16, resources.get("vcpus").asInt(), told);
        assertEquals(16384, resources.get("memory_mb").asInt(), told);
        assertEquals("QEMU", resources.get("hypervisor_type").asText(), told);
        assertEquals("card-7", resources.get("hypervisor_hostname").asText(), told);
        assertTrue(resources.get("numa_topology").asText().contains("NUMACell"), told);
        assertEquals(6, seen.get("patched").size(), "each patch is listed with why\n" + told);
    }

    @Test
    void cpuInfoAndNumaTopologyAreTheServers() {
        JsonNode cpu = value("cpuInfo");
        assertEquals("Skylake-Server", cpu.get("model").asText(), told);
        assertEquals(
                "{\"cells\":2,\"sockets\":1,\"cores\":4,\"threads\":2}",
                cpu.get("topology").toString(),
                told);
        JsonNode cells = value("numaCells");
        assertEquals(2, cells.size(), told);
        assertEquals("[0,1,2,3,8,9,10,11]", cells.get(0).get("cpus").toString(), told);
        assertEquals(8192, cells.get(0).get("memory").asInt(), told);
    }

    @Test
    void traitsSayVirtioStorageAndNoVideo() {
        JsonNode bus = value("storageBusTraits");
        assertTrue(bus.get("COMPUTE_STORAGE_BUS_VIRTIO").asBoolean(), "the card's disks are virtio-blk\n" + told);
        assertFalse(bus.get("COMPUTE_STORAGE_BUS_IDE").asBoolean(), told);
        assertFalse(bus.get("COMPUTE_STORAGE_BUS_FDC").asBoolean(), told);
        value("videoModelTraits")
                .fields()
                .forEachRemaining(trait -> assertFalse(
                        trait.getValue().asBoolean(), trait.getKey() + ": a server has no emulated video\n" + told));
        assertTrue(value("staticTraits").toString().contains("COMPUTE_STORAGE_BUS_VIRTIO"), told);
    }

    @Test
    void cpuTraitsAreTheServersFeatures() {
        assertFalse(value("cpuTraits").isEmpty(), "Nova's CPU traits from the server's features\n" + told);
    }

    /** What Nova returned from a call, failing with what it raised otherwise. */
    private static JsonNode value(String call) {
        JsonNode result = seen.get(call);
        assertTrue(result.get("ok").asBoolean(), call + " raised in Nova\n" + result.toPrettyString());
        return result.get("value");
    }
}
