package org.metalvirt.cpumodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metalvirt.cpumodel.CpuComparison.Result;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

class CpuComparisonTest {

    private static final HostCpu SKYLAKE_VMX = new HostCpu("x86_64", "Intel", "Skylake-Server", with("vmx"));

    private static Set<String> with(String... extra) {
        Set<String> features = new HashSet<>(
                CpuModels.table().find("x86_64", "Skylake-Server").orElseThrow().features());
        features.addAll(List.of(extra));
        return features;
    }

    private static Result compare(String xml) {
        return CpuComparison.compare(SKYLAKE_VMX, CpuDefinition.parse(xml), false);
    }

    @Test
    void theServersOwnDescriptionIsIdenticalAndAnOlderModelASubset() {
        assertEquals(
                Result.IDENTICAL,
                compare("<cpu><arch>x86_64</arch><model>Skylake-Server</model>" + "<feature name='vmx'/></cpu>"));
        assertEquals(Result.SUPERSET, compare("<cpu><model>Nehalem</model></cpu>"));
        assertEquals(Result.SUPERSET, compare("<cpu mode='host-passthrough'/>"));
    }

    @Test
    void aMissingOrForbiddenFeatureAnotherVendorOrArchIsIncompatible() {
        assertEquals(Result.INCOMPATIBLE, compare("<cpu><model>Icelake-Server</model></cpu>"));
        assertEquals(
                Result.INCOMPATIBLE, compare("<cpu><model>Haswell</model><feature policy='forbid' name='vmx'/></cpu>"));
        assertEquals(Result.INCOMPATIBLE, compare("<cpu><model>qemu64</model><vendor>AMD</vendor></cpu>"));
        assertEquals(Result.INCOMPATIBLE, compare("<cpu><arch>aarch64</arch><model>cortex-a72</model></cpu>"));
    }

    @Test
    void disablingWhatTheServerLacksMakesAModelRunAndStrictMatchWantsNoExtras() {
        assertEquals(
                Result.SUPERSET,
                compare("<cpu><model>Cascadelake-Server</model><feature policy='disable' name='avx512vnni'/>"
                        + "<feature policy='disable' name='clflushopt'/><feature policy='disable' name='spec-ctrl'/>"
                        + "<feature policy='disable' name='ssbd'/></cpu>"));
        assertEquals(Result.INCOMPATIBLE, compare("<cpu match='strict'><model>Skylake-Server</model></cpu>"));
        assertEquals(
                Result.IDENTICAL,
                compare("<cpu match='strict'><model>Skylake-Server</model><feature name='vmx'/></cpu>"));
    }

    @Test
    void failIncompatibleIsLibvirtsCpuIncompatibleErrorNamingTheFeatures() {
        VirtException e = assertThrows(
                VirtException.class,
                () -> CpuComparison.compare(
                        SKYLAKE_VMX, CpuDefinition.parse("<cpu><model>Cascadelake-Server</model></cpu>"), true));

        assertEquals(ErrorNumber.CPU_INCOMPATIBLE, e.number());
        assertTrue(
                e.getMessage()
                        .endsWith("Host CPU does not provide required features: "
                                + "avx512vnni, clflushopt, spec-ctrl, ssbd"),
                e.getMessage());
    }

    @Test
    void anUnknownModelOrAnotherRootIsAnError() {
        assertEquals(
                ErrorNumber.INTERNAL_ERROR,
                assertThrows(VirtException.class, () -> compare("<cpu><model>Pentium9</model></cpu>"))
                        .number());
        assertEquals(
                ErrorNumber.XML_ERROR,
                assertThrows(VirtException.class, () -> compare("<domain/>")).number());
    }

    @Test
    void baselineIsTheModelWithTheMostCommonFeaturesPlusTheRest() {
        List<CpuDefinition> cpus = List.of(
                CpuDefinition.parse("<cpu><arch>x86_64</arch><model>Broadwell</model><vendor>Intel</vendor>"
                        + "<feature name='vmx'/></cpu>"),
                CpuDefinition.parse("<cpu><arch>x86_64</arch><model>Skylake-Server</model><vendor>Intel</vendor>"
                        + "<feature name='vmx'/><feature name='invtsc'/></cpu>"));

        String plain = new CpuBaseline(false, false, false).of(cpus, Optional.empty());
        assertTrue(plain.contains("<model fallback='allow'>Broadwell</model>"), plain);
        assertTrue(plain.contains("<feature policy='require' name='vmx'/>"), plain);
        assertTrue(!plain.contains("invtsc"), plain);

        String amd = "<cpu><arch>x86_64</arch><model>EPYC</model><vendor>AMD</vendor></cpu>";
        VirtException e = assertThrows(
                VirtException.class,
                () -> new CpuBaseline(false, false, false)
                        .of(List.of(cpus.get(0), CpuDefinition.parse(amd)), Optional.empty()));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
    }

    @Test
    void aMigratableBaselineLeavesOutInvtsc() {
        CpuDefinition host = CpuDefinition.parse(
                "<cpu><arch>x86_64</arch><model>Skylake-Server</model>" + "<feature name='invtsc'/></cpu>");

        assertTrue(new CpuBaseline(false, false, true)
                .of(List.of(host), Optional.empty())
                .contains("invtsc"));
        assertTrue(!new CpuBaseline(false, true, true)
                .of(List.of(host), Optional.empty())
                .contains("invtsc"));
    }
}
