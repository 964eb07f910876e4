package org.metalvirt.shim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.ServerFirmware;
import org.metalvirt.shim.log.LogFormat;

/** The configuration file and command line merge into settings, or fail saying what is wrong. */
class DaemonSettingsTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyFileIsTheEmbeddedDefault() throws IOException {
        DaemonSettings settings = DaemonSettings.resolve(DaemonConfig.read(write("")), DaemonSettings.Overrides.NONE);

        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 16509)), settings.tcp());
        assertEquals(1, settings.nodes().size());
        assertEquals(32, settings.nodes().get(0).inventory().read().cpu().logicalCpus());
        assertEquals(
                "metalvirt-sock-ro", settings.readOnlySocket().getFileName().toString());
    }

    @Test
    void aSectionWithNothingUnderItIsItsDefaults() throws IOException {
        DaemonConfig config = DaemonConfig.read(write("listen:\nlimits: ~\nkeepalive:\ndomains:\nlog:\nnodes:\n"));
        DaemonSettings settings = DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE);

        assertEquals(Optional.of(new InetSocketAddress("127.0.0.1", 16509)), settings.tcp());
        assertEquals(new DaemonConfig.Limits().maxClients, config.limits.maxClients);
        assertEquals(new DaemonConfig.Domains().pollIntervalMillis, config.domains.pollIntervalMillis);
        assertEquals(1, settings.nodes().size());
    }

    @Test
    void metricsAreOffUnlessAnAddressIsGivenAndTheCommandLineWins() throws IOException {
        assertEquals(
                Optional.empty(),
                DaemonSettings.resolve(new DaemonConfig(), DaemonSettings.Overrides.NONE)
                        .metrics());
        DaemonConfig config = DaemonConfig.read(write("listen: {metrics: \"127.0.0.1:9177\"}\n"));
        assertEquals(
                9177,
                DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE)
                        .metrics()
                        .orElseThrow()
                        .getPort());
        DaemonSettings.Overrides flag =
                new DaemonSettings.Overrides(null, null, null, null, null, "[::1]:9300", null, null);
        assertEquals(
                9300,
                DaemonSettings.resolve(config, flag).metrics().orElseThrow().getPort());
        ConfigException named = assertThrows(
                ConfigException.class,
                () -> DaemonSettings.resolve(
                        config,
                        new DaemonSettings.Overrides(null, null, null, null, null, "metrics.example:9", null, null)));
        assertTrue(named.getMessage().startsWith("metrics: "), named.getMessage());
    }

    @Test
    void theLogFormatAndLevelAreCheckedAtStart() throws IOException {
        DaemonSettings settings = DaemonSettings.resolve(
                DaemonConfig.read(write("log: {format: json, level: debug}\n")), DaemonSettings.Overrides.NONE);
        assertEquals(new DaemonSettings.LogSettings(LogFormat.JSON, Optional.of("DEBUG")), settings.log());
        assertEquals(
                LogFormat.TEXT,
                DaemonSettings.resolve(
                                new DaemonConfig(),
                                new DaemonSettings.Overrides(null, null, null, null, null, null, "text", null))
                        .log()
                        .format());
        ConfigException format = assertThrows(
                ConfigException.class,
                () -> DaemonSettings.resolve(
                        DaemonConfig.read(write("log: {format: xml}\n")), DaemonSettings.Overrides.NONE));
        assertEquals("log: log format 'xml' is not text or json", format.getMessage());
        assertThrows(
                ConfigException.class,
                () -> DaemonSettings.resolve(
                        DaemonConfig.read(write("log: {level: loud}\n")), DaemonSettings.Overrides.NONE));
    }

    @Test
    void theFileDescribesListenersLimitsAndNodes() throws IOException {
        DaemonConfig config = DaemonConfig.read(write("""
                listen:
                  tcp: "[::1]:16600"
                  unix: /tmp/x/sock
                hostname: rack-3
                keepalive: {interval: 7, count: 2}
                nodes:
                  - name: a
                    inventory: {sockets: 1, cores: 4, threads: 1, numaCells: 1, memoryMiB: 4096, serial: S1}
                  - name: b
                """));
        DaemonSettings settings = DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE);

        assertEquals(16600, settings.tcp().orElseThrow().getPort());
        assertEquals(
                "0:0:0:0:0:0:0:1", settings.tcp().orElseThrow().getAddress().getHostAddress());
        assertEquals(Path.of("/tmp/x/sock-ro"), settings.readOnlySocket());
        assertEquals("rack-3", settings.hostname());
        assertEquals(7, settings.limits().keepaliveIntervalSeconds());
        assertEquals(
                4L * 1024 * 1024, settings.nodes().get(0).inventory().read().memoryKiB());
        assertEquals("S1", settings.nodes().get(0).inventory().read().system().serial());
        assertEquals("b", settings.nodes().get(1).name());
    }

    @Test
    void commandLineOptionsWinOverTheFile() throws IOException {
        DaemonConfig config = DaemonConfig.read(write("listen: {tcp: 127.0.0.1:1}\nstateDir: /nope\n"));
        DaemonSettings settings = DaemonSettings.resolve(
                config, new DaemonSettings.Overrides("", dir.resolve("s"), dir.resolve("state")));

        assertEquals(Optional.empty(), settings.tcp());
        assertEquals(dir.resolve("s"), settings.unixSocket());
        assertEquals(dir.resolve("state"), settings.stateDir());
    }

    @Test
    void theRuntimeDirectoryIsTheSocketsUnlessTheFileOrTheCommandLineNamesOne() throws IOException {
        DaemonSettings.Overrides socket = new DaemonSettings.Overrides("", dir.resolve("run/sock"), dir);
        assertEquals(
                dir.resolve("run"),
                DaemonSettings.resolve(DaemonConfig.read(write("{}\n")), socket).runtimeDir());
        DaemonConfig named = DaemonConfig.read(write("runtimeDir: /run/mv\n"));
        assertEquals(Path.of("/run/mv"), DaemonSettings.resolve(named, socket).runtimeDir());
        DaemonSettings.Overrides flag = new DaemonSettings.Overrides(
                "", dir.resolve("run/sock"), dir, null, null, null, null, dir.resolve("r"));
        assertEquals(dir.resolve("r"), DaemonSettings.resolve(named, flag).runtimeDir());
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesIt() throws IOException {
        Path file = write("listen: {tcpp: 127.0.0.1:1}\n");

        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.read(file));
        assertTrue(e.getMessage().contains("unknown key 'tcpp'"), e.getMessage());
    }

    @Test
    void aHostNameInsteadOfAnAddressIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonSettings.parseTcp("example.org:16509"));
        assertEquals("listen host 'example.org' is not an IP address", e.getMessage());
    }

    @Test
    void aMissingPortIsRefused() {
        assertThrows(ConfigException.class, () -> DaemonSettings.parseTcp("127.0.0.1"));
        assertThrows(ConfigException.class, () -> DaemonSettings.parseTcp("127.0.0.1:http"));
        assertThrows(ConfigException.class, () -> DaemonSettings.parseTcp("127.0.0.1:70000"));
    }

    @Test
    void duplicateNodeNamesAreRefused() throws IOException {
        assertRefused("nodes: [{name: a}, {name: a}]", "nodes: names must be present and unique, got 'a'");
    }

    @Test
    void anImpossibleServerIsRefusedNamingTheNode() throws IOException {
        assertRefused(
                "nodes: [{name: odd, inventory: {sockets: 3, numaCells: 2}}]",
                "node 'odd': 3 sockets cannot be spread evenly over 2 NUMA cells");
    }

    @Test
    void theInventoryNamesTheFirmwareAndTheCpuFeatures() throws IOException {
        DaemonConfig config = DaemonConfig.read(write("""
                nodes:
                  - name: a
                    inventory: {firmware: [efi], secureBoot: true, cpuFeatures: [sse4.2, avx2, vmx]}
                """));
        NodeInventory node = DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE)
                .nodes()
                .get(0)
                .inventory()
                .read();

        assertEquals(new ServerFirmware(List.of(FirmwareMode.EFI), true), node.firmware());
        assertEquals(List.of("sse4.2", "avx2", "vmx"), node.cpu().features());
    }

    @Test
    void firmwareDefaultsToUefiWithLegacyBiosAndNoSecureBoot() throws IOException {
        DaemonSettings settings = DaemonSettings.resolve(DaemonConfig.read(write("")), DaemonSettings.Overrides.NONE);

        assertEquals(
                ServerFirmware.DEFAULT,
                settings.nodes().get(0).inventory().read().firmware());
    }

    @Test
    void withoutCpuFeaturesTheServerHasThoseOfItsModel() throws IOException {
        DaemonConfig config = DaemonConfig.read(write("nodes: [{name: a, inventory: {cpuModel: Westmere}}]\n"));
        NodeInventory node = DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE)
                .nodes()
                .get(0)
                .inventory()
                .read();

        assertTrue(
                node.cpu().features().containsAll(List.of("aes", "sse4.2", "popcnt")),
                node.cpu().features().toString());
        assertTrue(!node.cpu().features().contains("avx"), "Westmere has no AVX");
    }

    @Test
    void secureBootWithoutUefiIsRefused() throws IOException {
        assertRefused(
                "nodes: [{name: old, inventory: {firmware: [bios], secureBoot: true}}]",
                "node 'old': secure boot needs efi firmware");
        assertRefused(
                "nodes: [{name: x, inventory: {firmware: [uefi]}}]",
                "node 'x': firmware 'uefi' is neither efi nor bios");
        assertRefused(
                "nodes: [{name: x, inventory: {cpuFeatures: [SSE4_2]}}]",
                "node 'x': 'SSE4_2' is not a CPU feature name as libvirt spells them");
    }

    @Test
    void anUnknownBackendIsRefused() throws IOException {
        assertRefused(
                "nodes: [{name: x, backend: magic}]",
                "node 'x': unknown backend 'magic' (known: baremetal, qemu, sim, simboard)");
    }

    @Test
    void aDaemonWithoutNodesIsRefused() throws IOException {
        assertRefused("nodes: []", "nodes: at least one node is needed");
    }

    private void assertRefused(String yaml, String message) throws IOException {
        DaemonConfig config = DaemonConfig.read(write(yaml + "\n"));

        ConfigException e = assertThrows(
                ConfigException.class, () -> DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE));
        assertEquals(message, e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("metalvirtd.yaml"), yaml);
    }

    @Test
    void thePollConcurrencyIsReadAndMustBePositive() throws IOException {
        DaemonConfig config = DaemonConfig.read(write("domains: {pollConcurrency: 40}\n"));
        assertEquals(
                40,
                DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE)
                        .domains()
                        .pollConcurrency());
        assertEquals(
                16,
                DaemonSettings.resolve(new DaemonConfig(), DaemonSettings.Overrides.NONE)
                        .domains()
                        .pollConcurrency());

        ConfigException refused = assertThrows(
                ConfigException.class,
                () -> DaemonSettings.resolve(
                        DaemonConfig.read(write("domains: {pollConcurrency: 0}\n")), DaemonSettings.Overrides.NONE));
        assertTrue(refused.getMessage().contains("concurrency"), refused.getMessage());
        Path file = write("domains:\n  pollConcurrency: 0\n");
        assertEquals(
                List.of(new ConfigCheck.Problem(2, 0, "domains: pollConcurrency must be positive")),
                ConfigCheck.check(file));
    }

    @Test
    void theRackExampleIsAValidConfiguration() {
        assertEquals(List.of(), ConfigCheck.check(Path.of("../testbeds/rack/metalvirtd-rack.yaml")));
    }
}
