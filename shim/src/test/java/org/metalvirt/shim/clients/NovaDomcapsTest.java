package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.cpumodel.CpuModels;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * OpenStack Nova's own libvirt driver (python3-nova) reading the host's domain capabilities and
 * deriving its traits from them, against a UEFI server with Secure Boot and a BIOS-only one:
 * the traits placement would get are the servers' truth.
 */
class NovaDomcapsTest {

    @RegisterExtension
    static final RunningDaemon SECURE = new RunningDaemon(config -> {
        var inventory = config.nodes.get(0).inventory;
        List<String> features = new ArrayList<>(
                CpuModels.table().find("x86_64", "Skylake-Server").orElseThrow().features());
        features.add("vmx");
        inventory.cpuFeatures = features;
        inventory.firmware = List.of("efi");
        inventory.secureBoot = true;
    });

    @RegisterExtension
    static final RunningDaemon BIOS_ONLY =
            new RunningDaemon(config -> config.nodes.get(0).inventory.firmware = List.of("bios"));

    private static JsonNode secure;
    private static JsonNode biosOnly;

    @BeforeAll
    static void askNova() {
        secure = Python.run(Duration.ofSeconds(90), "nova_domcaps.py", SECURE.tcpUri("qemu"));
        biosOnly = Python.run(Duration.ofSeconds(90), "nova_domcaps.py", BIOS_ONLY.tcpUri("qemu"));
    }

    @Test
    void novaReadsDomainCapabilitiesForEachMachineItLooksAt() {
        JsonNode x86 = secure.get("domainCaps").get("x86_64");

        assertTrue(x86 != null && x86.has("pc") && x86.has("q35"), secure.toPrettyString());
        assertEquals("pc-i440fx-7.2", x86.get("pc").get("machine").asText(), secure.toPrettyString());
        assertEquals("pc-q35-7.2", x86.get("q35").get("machine").asText(), secure.toPrettyString());
    }

    @Test
    void uefiAndSecureBootAreSupportedExactlyWhenTheServerHasThem() {
        assertTrue(secure.get("supportsUefi").asBoolean(), secure.toPrettyString());
        assertTrue(secure.get("supportsSecureBoot").asBoolean(), secure.toPrettyString());
        assertFalse(biosOnly.get("supportsUefi").asBoolean(), biosOnly.toPrettyString());
        assertFalse(biosOnly.get("supportsSecureBoot").asBoolean(), biosOnly.toPrettyString());
        assertFalse(secure.get("supportsAmdSev").asBoolean(), secure.toPrettyString());
    }

    @Test
    void storageIsVirtioOnlyAndThereIsNoVideo() {
        assertEquals(
                "[\"COMPUTE_STORAGE_BUS_VIRTIO\"]",
                secure.get("storageBusTraits").toString());
        assertEquals("[]", secure.get("videoModelTraits").toString());
    }

    @Test
    void cpuTraitsAreTheServersFeatures() {
        String traits = secure.get("cpuFeatureTraits").toString();

        assertTrue(traits.contains("HW_CPU_X86_AVX512F"), traits);
        assertTrue(traits.contains("HW_CPU_X86_VMX"), traits);
        assertTrue(traits.contains("HW_CPU_X86_AESNI"), traits);
        assertFalse(traits.contains("HW_CPU_X86_AVX512VNNI"), "Skylake has no VNNI\n" + traits);
        assertFalse(traits.contains("HW_CPU_X86_SVM"), "an Intel server has no AMD-V\n" + traits);
        String features = secure.get("hostCpuFeatures").toString();
        assertTrue(
                features.contains("\"avx2\"") && features.contains("\"vmx\""), "baselineCPU expands them\n" + features);
    }
}
