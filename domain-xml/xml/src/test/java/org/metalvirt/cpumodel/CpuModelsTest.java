package org.metalvirt.cpumodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuModelsTest {

    private final CpuModels table = CpuModels.table();

    @Test
    void aModelBuiltOnAnotherHasItsFeaturesWithTheAddedAndWithoutTheDropped() {
        CpuModel skylake = table.find("x86_64", "Skylake-Server").orElseThrow();
        CpuModel cascadelake = table.find("x86_64", "Cascadelake-Server").orElseThrow();
        CpuModel haswellNoTsx = table.find("x86_64", "Haswell-noTSX").orElseThrow();

        assertEquals(Optional.of("Intel"), skylake.vendor());
        assertTrue(skylake.features().containsAll(Set.of("avx512f", "avx2", "sse4.2", "aes", "rtm", "fpu")));
        assertFalse(skylake.features().contains("avx512vnni"));
        assertTrue(cascadelake.features().containsAll(skylake.features()));
        assertTrue(cascadelake.features().contains("avx512vnni"));
        assertFalse(haswellNoTsx.features().contains("rtm"), "noTSX drops TSX");
        assertFalse(haswellNoTsx.features().contains("f16c"), "as QEMU's Haswell, which lacks f16c");
    }

    @Test
    void genericModelsHaveNoVendorAndTheFamilyServesBothX86Arches() {
        CpuModel qemu64 = table.find("i686", "qemu64").orElseThrow();

        assertEquals("unknown", qemu64.vendorOrUnknown());
        assertTrue(table.sameFamily("x86_64", "i686"));
        assertFalse(table.sameFamily("x86_64", "aarch64"));
        assertEquals("qemu64", table.forArch("x86_64").get(0).name(), "older models first");
    }

    @Test
    void armModelsNameACoreWithoutFeatures() {
        assertTrue(table.find("aarch64", "Neoverse-N1").orElseThrow().features().isEmpty());
        assertTrue(table.forArch("s390x").isEmpty());
        assertFalse(table.describes("ppc64le"));
    }

    @Test
    void aModelIsRunByACpuWithAllItsFeatures() {
        CpuModel westmere = table.find("x86_64", "Westmere").orElseThrow();

        assertTrue(westmere.runsOn(
                table.find("x86_64", "SandyBridge").orElseThrow().features()));
        assertFalse(westmere.runsOn(table.find("x86_64", "Penryn").orElseThrow().features()));
    }

    @Test
    void aModelBasedOnOneNotListedBeforeItIsATableError() {
        assertThrows(
                IllegalStateException.class,
                () -> CpuModels.parse("<cpuModels><arch names='x'><model name='b' from='a'/></arch></cpuModels>"));
    }
}
