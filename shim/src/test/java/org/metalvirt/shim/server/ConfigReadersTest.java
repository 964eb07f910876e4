package org.metalvirt.shim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The start reads the configuration with jackson-jr ({@link ConfigYaml}) and falls back to databind,
 * the reader it always had, when jackson-jr refuses a file. Over a corpus of good, odd and bad files,
 * read both ways: whatever jackson-jr accepts, databind accepts with the same values, so the start
 * never takes a file databind refused nor reads one differently.
 */
class ConfigReadersTest {

    /** The configuration's reading before jackson-jr: the specification of what a file means. */
    private static final ObjectReader DATABIND = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .readerFor(DaemonConfig.class);

    /** Compares what was read, field by field. */
    private static final ObjectMapper FIELDS = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @TempDir
    Path dir;

    /** Files as operators write them: read by jackson-jr alone, so the start loads no databind for them. */
    static Stream<String> usual() throws IOException {
        return Stream.of(
                Files.readString(Path.of("../testbeds/rack/metalvirtd-rack.yaml")),
                Files.readString(Path.of("packaging/src/deb/etc/metalvirtd.yaml")),
                "listen: {tcp: 127.0.0.1:1}\n",
                "{}\n",
                "listen:\n  tcp: \"\"\n  unix: /tmp/x/sock\nstateDir: /tmp/s\nlog: {level: WARN}\n",
                "nodes:\n  - name: node0\n    backend: sim\n    options:\n      powerOnMillis: \"0\"\n"
                        + "      gpio.power: 5\n      ipmi.insecure: true\n      x: 1.50\n      y: ~\n",
                "nodes: [{name: a, inventory: {firmware: [efi], secureBoot: true, cpuFeatures: [sse4.2, avx2]}}]\n",
                "nodes: [{name: a, inventory: {memoryMiB: 99999999999, mhz: -1}}]\n",
                "tls: {allowedDnList: ['CN=a*', 'O=b'], protocols: [TLSv1.3]}\nsasl: {allowedUsernameList: [admin]}\n",
                "auth: {tcp: sasl, allowUnauthenticatedRemote: true}\n",
                "networks: [{name: n, pf: p, mode: passthrough, autostart: false}]\n",
                "networks: []\n",
                "auth: {allowUnauthenticatedRemote: True}\nnodes: [{inventory: {secureBoot: yes}}]\n",
                "nodes: [~]\n",
                // testbeds/bench/compare's
                """
                listen:
                  tcp: ""
                  unix: /tmp/b/sock
                stateDir: /tmp/b/state
                runtimeDir: /tmp/b/run
                log:
                  level: WARN
                limits:
                  maxClients: 5000
                  maxAnonymousClients: 200
                domains:
                  pollIntervalMillis: 5000
                networks: []
                nodes:
                  - name: node0
                    backend: sim
                    options:
                      powerOnMillis: "0"
                      osShutdownMillis: "0"
                    inventory:
                      arch: x86_64
                      sockets: 1
                      memoryMiB: 262144
                """);
    }

    static Stream<String> corpus() throws IOException {
        List<String> files = new ArrayList<>(List.of(
                "~\n",
                "null\n",
                "limits: {workers: 0x10, maxClients: -3, priorityWorkers: +4}\n",
                "hostname: 5\nstateDir: 1.50\nruntimeDir: true\n",
                "hostname: 0x10\nstateDir: 1_000\nruntimeDir: .inf\n",
                "hostname: ~\nlisten: {unix: ~, tls: null}\n",
                "listen: {tcp: a, tcp: b}\n",
                "limits: {workers: 5, workers: 6}\n",
                "listen: {tcp: a}\n---\ncolour: x\n",
                "keepalive: {interval: !!int 5}\n",
                "hostname: !!str 5\n",
                "tls: {allowedDnList: [a, ~, 1, true]}\n",
                "nodes: [{options: {a: 1, a: 2}}]\n",
                "nodes:\n  - &n {name: a}\n  - *n\n",
                "# only a comment\n",
                // bad, or read by databind's coercions
                "listen: {tcpp: x}\n",
                "colour: blue\n",
                "Listen: {}\n",
                "nodes: [{name: a, colour: b}]\n",
                "nodes: [{name: a, inventory: {colour: b}}]\n",
                "limits: {workers: many}\n",
                "limits: {workers: '5'}\n",
                "limits: {workers: ''}\n",
                "limits: {workers: 1.5}\n",
                "limits: {workers: 1e3}\n",
                "limits: {workers: ~}\n",
                "limits: {workers: true}\n",
                "limits: {workers: 99999999999}\n",
                "limits: {workers: [1]}\n",
                "limits: {workers: {a: 1}}\n",
                "limits: {workers: {}}\ncolour: blue\n",
                "limits: ~\n",
                "limits: 5\n",
                "nodes: [{inventory: {memoryMiB: 1.0}}]\n",
                "nodes: [{inventory: {memoryMiB: '7'}}]\n",
                "nodes: [{inventory: {memoryMiB: 99999999999999999999}}]\n",
                "nodes: [{inventory: {secureBoot: 1}}]\n",
                "nodes: [{inventory: {secureBoot: 'true'}}]\n",
                "nodes: [{inventory: {secureBoot: ~}}]\n",
                "auth: {allowUnauthenticatedRemote: maybe}\n",
                "hostname: [a]\n",
                "hostname: {a: b}\n",
                "hostname: {}\n",
                "hostname: []\n",
                "hostname: !!binary aGVsbG8=\n",
                "listen: {tcp: {}}\ncolour: blue\n",
                "listen: {tcp: []}\ncolour: blue\n",
                "listen: {tcp: [a]}\n",
                "listen: x\n",
                "listen: 5\n",
                "listen: []\n",
                "listen: ~\n",
                "nodes: {name: a}\n",
                "nodes: a\n",
                "nodes: ~\n",
                "nodes: []\n",
                "nodes: [a]\n",
                "nodes: [[a]]\n",
                "nodes: [{options: {a: [1]}}]\n",
                "nodes: [{options: {a: {b: c}}}]\n",
                "nodes: [{options: {a: {}}}]\n",
                "nodes: [{options: [a]}]\n",
                "nodes: [{options: a}]\n",
                "nodes: [{options: ~}]\n",
                "tls: {allowedDnList: a}\n",
                "tls: {allowedDnList: [[a]]}\n",
                "tls: {allowedDnList: [{a: b}]}\n",
                "tls: {allowedDnList: {a: b}}\n",
                "networks: [{name: n, pf: p, autostart: ~}]\n",
                "domains: {pollIntervalMillis: 2147483648}\n",
                "log: {level: [a]}\n",
                "1: a\n",
                "true: x\n",
                "~: x\n",
                "? [a]\n: b\n",
                "[]\n",
                "just a string\n",
                "5\n",
                "listen: {tcp: a}\n  bad: [\n",
                "listen: {tcp: 'a}\n",
                "\t\n",
                "\n\n",
                "  \n"));
        return Stream.concat(usual(), files.stream());
    }

    @ParameterizedTest
    @MethodSource("usual")
    void theUsualFilesAreReadByJacksonJr(String yaml) throws IOException {
        assertNotNull(ConfigYaml.read(Files.writeString(dir.resolve("metalvirtd.yaml"), yaml)), yaml);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void whatJacksonJrAcceptsDatabindReadsTheSame(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("metalvirtd.yaml"), yaml);
        DaemonConfig quick;
        try {
            quick = ConfigYaml.read(file);
        } catch (IOException | RuntimeException refused) {
            return; // the start asks databind, below
        }
        DaemonConfig databind = DATABIND.readValue(file.toFile());
        assertEquals(tree(databind), tree(quick), yaml);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void theStartRefusesWhatDatabindRefusesAndReadsTheRestAsDatabindWithEmptySectionsDefaulted(String yaml)
            throws IOException {
        Path file = Files.writeString(dir.resolve("metalvirtd.yaml"), yaml);
        DaemonConfig databind;
        try {
            databind = DATABIND.readValue(file.toFile());
        } catch (IOException refused) {
            ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.read(file), yaml);
            assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
            return;
        }
        DaemonConfig expected = databind == null ? new DaemonConfig() : databind.withEmptySectionsDefaulted();
        assertEquals(tree(expected), tree(DaemonConfig.read(file)), yaml);
    }

    @Test
    void aRefusalSaysEveryProblemWithItsLineAndAnUnknownKeysPathAndTheKnownOnes() throws IOException {
        Path file = Files.writeString(dir.resolve("metalvirtd.yaml"), """
                listen:
                  tcpp: 127.0.0.1:1
                limits:
                  workers: many
                nodes:
                  - name: a
                    inventory: {colour: red}
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.read(file));
        assertEquals(
                List.of(
                        file + ":2: unknown key 'tcpp' at listen.tcpp; known keys: metrics, tcp, tls, unix, unixGroup",
                        file + ":4: 'many' is not a whole number",
                        file + ":7: unknown key 'colour' at nodes[0].inventory.colour; known keys: arch, biosVendor,"
                                + " biosVersion, cores, cpuFeatures, cpuModel, cpuVendor, firmware, manufacturer,"
                                + " memoryMiB, mhz, numaCells, product, secureBoot, serial, sockets, threads, uuid"),
                e.getMessage().lines().toList());
    }

    @Test
    void aValueDatabindCoercesIsReadAsDatabindReadsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("metalvirtd.yaml"), "limits: {workers: '5'}\n");

        assertThrows(IOException.class, () -> ConfigYaml.read(file));
        assertEquals(5, DaemonConfig.read(file).limits.workers);
    }

    @Test
    void anEmptyFileAndANullDocumentAreTheDefaults() throws IOException {
        for (String yaml : List.of("", "~\n")) {
            DaemonConfig config = DaemonConfig.read(Files.writeString(dir.resolve("metalvirtd.yaml"), yaml));
            assertNotNull(config.nodes);
            assertEquals(tree(new DaemonConfig()), tree(config));
        }
    }

    private static JsonNode tree(DaemonConfig config) {
        return FIELDS.valueToTree(config);
    }
}
