package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.cpumodel.CpuModels;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * Debian's virsh asking what a guest could be on the server: domain capabilities and the CPU
 * commands, answered from the inventory of a Skylake-Server with VT-x (its model's features and
 * {@code vmx}), UEFI and legacy BIOS.
 */
class VirshCpuTest {

    /** libvirt's schema of domain capabilities, as Debian's libvirt0 installs it. */
    private static final Path SCHEMA = Path.of("/usr/share/libvirt/schemas/domaincaps.rng");

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        List<String> features = new ArrayList<>(
                CpuModels.table().find("x86_64", "Skylake-Server").orElseThrow().features());
        features.add("vmx");
        config.nodes.get(0).inventory.cpuFeatures = features;
    });

    @TempDir
    Path dir;

    private static Virsh qemu() {
        return new Virsh(DAEMON.tcpUri("qemu"));
    }

    @Test
    void domcapabilitiesDescribesTheServerAsTheQemuDriverWouldAGuestOfIt() throws IOException {
        String caps = qemu().ok("domcapabilities");

        assertTrue(caps.contains("<path>/usr/bin/qemu-system-x86_64</path>"), caps);
        assertTrue(caps.contains("<domain>kvm</domain>"), caps);
        assertTrue(caps.contains("<machine>pc-q35-7.2</machine>"), caps);
        assertTrue(caps.contains("<vcpu max='16'/>"), caps);
        assertTrue(caps.contains("<value>efi</value>") && caps.contains("<value>pflash</value>"), caps);
        assertTrue(caps.contains("<model fallback='forbid'>Skylake-Server</model>"), caps);
        assertTrue(caps.contains("<feature policy='require' name='vmx'/>"), caps);
        assertTrue(caps.contains("<model usable='yes' vendor='Intel'>Skylake-Server</model>"), caps);
        assertTrue(caps.contains("<model usable='no' vendor='Intel'>Cascadelake-Server</model>"), caps);
        assertTrue(caps.contains("<model usable='no' vendor='AMD'>EPYC</model>"), caps);
        assertTrue(caps.contains("<graphics supported='no'/>") && caps.contains("<video supported='no'/>"), caps);
        assertTrue(caps.contains("<sev supported='no'/>"), caps);
        assertValid(caps);
    }

    @Test
    void domcapabilitiesOfAMachineAliasNamesItsCanonicalMachine() {
        String caps = qemu().ok("domcapabilities", "--machine", "pc", "--virttype", "qemu");

        assertTrue(caps.contains("<machine>pc-i440fx-7.2</machine>"), caps);
        assertTrue(caps.contains("<domain>qemu</domain>"), caps);
    }

    @Test
    void domcapabilitiesOfWhatTheServerIsNotFailsAsLibvirtDoes() {
        assertFails(
                "unable to find any emulator to serve 'aarch64' architecture", "domcapabilities", "--arch", "aarch64");
        assertFails("unknown architecture: x87", "domcapabilities", "--arch", "x87");
        assertFails("unknown virttype: kvm2", "domcapabilities", "--virttype", "kvm2");
        assertFails("the machine 'virt' is not supported", "domcapabilities", "--machine", "virt");
        assertFails(
                "Cannot check QEMU binary /usr/bin/qemu-kvm", "domcapabilities", "--emulatorbin", "/usr/bin/qemu-kvm");
    }

    @Test
    void domcapabilitiesIsRefusedOnAReadOnlyConnectionAsLibvirtRefusesIt() {
        Command.Result result = new Virsh(DAEMON.unixUri("qemu", true)).run("domcapabilities");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("read only"), result.stderr());
    }

    @Test
    void cpuModelsAreThoseTheServerRuns() {
        List<String> models = List.of(qemu().ok("cpu-models", "x86_64").strip().split("\n"));

        assertTrue(
                models.containsAll(List.of("Westmere", "Haswell", "Skylake-Client", "Skylake-Server")),
                models.toString());
        assertFalse(models.contains("Cascadelake-Server"), models.toString());
        assertFalse(models.contains("EPYC"), "an AMD model on an Intel server\n" + models);
        assertFails("architecture is not supported by CPU driver", "cpu-models", "aarch64");
        assertFails("cannot find architecture x87", "cpu-models", "x87");
    }

    @Test
    void cpuCompareSaysWhetherTheServerRunsTheDescribedCpu() throws IOException {
        Path older = cpu("<cpu><arch>x86_64</arch><model>Westmere</model><vendor>Intel</vendor></cpu>");
        Path same = cpu("<cpu><arch>x86_64</arch><model>Skylake-Server</model><vendor>Intel</vendor>"
                + "<feature name='vmx'/></cpu>");
        Path newer = cpu("<cpu mode='custom' match='exact'><model>Cascadelake-Server</model></cpu>");

        assertTrue(qemu().ok("cpu-compare", older.toString()).contains("Host CPU is a superset of CPU"));
        assertTrue(qemu().ok("cpu-compare", same.toString()).contains("is identical to host CPU"));
        Command.Result incompatible = qemu().run("cpu-compare", newer.toString());
        assertTrue(incompatible.stdout().contains("is incompatible with host CPU"), incompatible.toString());
        Command.Result failed = qemu().run("cpu-compare", "--error", newer.toString());
        assertNotEquals(0, failed.exitCode());
        assertTrue(
                failed.stderr().contains("Host CPU does not provide required features: avx512vnni"), failed.stderr());
    }

    @Test
    void hypervisorCpuCompareComparesWithTheServersOwnCpu() throws IOException {
        Path guest = cpu(
                "<cpu mode='custom' match='exact'><model>Haswell</model><feature policy='require' name='vmx'/></cpu>");
        Path amd = cpu("<cpu mode='custom' match='exact'><model>EPYC</model><vendor>AMD</vendor></cpu>");

        assertTrue(qemu().ok("hypervisor-cpu-compare", guest.toString())
                .contains("The CPU provided by hypervisor on the host is a superset of CPU"));
        Command.Result other = qemu().run("hypervisor-cpu-compare", amd.toString());
        assertTrue(other.stdout().contains("is incompatible with the CPU provided by hypervisor"), other.toString());
    }

    @Test
    void cpuBaselineIsTheNewestModelBothCpusRun() throws IOException {
        Path both = cpu("<capabilities><host>"
                + "<cpu><arch>x86_64</arch><model>Haswell</model><vendor>Intel</vendor><feature name='vmx'/></cpu>"
                + "</host><host>"
                + "<cpu><arch>x86_64</arch><model>Skylake-Server</model><vendor>Intel</vendor><feature name='vmx'/></cpu>"
                + "</host></capabilities>");

        String baseline = qemu().ok("cpu-baseline", both.toString());
        assertTrue(baseline.contains("<model fallback='allow'>Haswell</model>"), baseline);
        assertTrue(baseline.contains("<vendor>Intel</vendor>"), baseline);
        assertTrue(baseline.contains("<feature policy='require' name='vmx'/>"), baseline);
        assertFalse(baseline.contains("name='avx2'"), "the model's own features are not listed\n" + baseline);

        String expanded = qemu().ok("cpu-baseline", "--features", both.toString());
        assertTrue(expanded.contains("<feature policy='require' name='avx2'/>"), expanded);
        assertFalse(expanded.contains("avx512f"), "Haswell has no AVX-512\n" + expanded);
    }

    @Test
    void hypervisorCpuBaselineUsesTheServersModelsAndForbidsFallback() throws IOException {
        Path host = cpu("<cpu><arch>x86_64</arch><model>Skylake-Server</model><vendor>Intel</vendor>"
                + "<feature name='vmx'/></cpu>");

        String baseline = qemu().ok("hypervisor-cpu-baseline", "--features", host.toString());
        assertTrue(baseline.contains("<model fallback='forbid'>Skylake-Server</model>"), baseline);
        assertTrue(baseline.contains("<feature policy='require' name='avx512f'/>"), baseline);
        assertTrue(baseline.contains("<feature policy='require' name='vmx'/>"), baseline);
    }

    private void assertFails(String message, String... args) {
        Command.Result result = qemu().run(args);
        assertNotEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains(message), result.stderr());
    }

    private Path cpu(String xml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "cpu", ".xml"), xml);
    }

    /** libvirt's own schema accepts the document, checked with xmllint. */
    private void assertValid(String caps) throws IOException {
        Path file = Files.writeString(dir.resolve("domcaps.xml"), caps);
        Command.Result result = Command.run(
                Duration.ofSeconds(30), "xmllint", "--noout", "--relaxng", SCHEMA.toString(), file.toString());
        assertEquals(0, result.exitCode(), result.toString());
    }
}
