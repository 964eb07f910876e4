package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * The domain-XML fixtures (what Nova, CloudStack, ZStack and virt-install send, and the cases
 * that must be refused) through the daemon with virsh: each defines or fails as
 * {@code shim/docs/domain-xml.md} documents, and {@code dumpxml} returns what was defined.
 */
class VirshDefineFixturesTest {

    private static final Path FIXTURES = Path.of("..", "domain-xml", "xml", "src", "test", "resources");
    private static final Pattern NAME = Pattern.compile("<name>([^<]+)</name>");

    /** The node the fixtures are written for: the embedded default server, a card with 8 disks and 4 VFs. */
    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        config.nodes.get(0).inventory = new org.metalvirt.shim.server.NodeConfig.Inventory();
        config.nodes.get(0).options.put("maxDisks", "8");
        config.nodes.get(0).options.put("maxVfs", "4");
    });

    @TestFactory
    Stream<DynamicTest> everyAgentsXmlDefinesAndComesBackAsDocumented() throws IOException {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        return fixtures("xml2xml")
                .map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
                    String name = name(Files.readString(input));
                    virsh.ok("define", input.toString());
                    try {
                        Path out = input.resolveSibling(
                                input.getFileName().toString().replace(".xml", ".out.xml"));
                        String expected = Files.readString(Files.exists(out) ? out : input);
                        assertEquals(expected.strip(), virsh.ok("dumpxml", "--inactive", name));
                    } finally {
                        virsh.ok("undefine", name);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyRefusedXmlFailsWithItsDocumentedMessage() throws IOException {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        return fixtures("xml2xml-negative")
                .map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
                    String error = Files.readString(input.resolveSibling(
                                    input.getFileName().toString().replace(".xml", ".error")))
                            .strip();
                    String message = error.substring(error.indexOf('|') + 1);

                    Command.Result result = virsh.run("define", input.toString());

                    assertNotEquals(0, result.exitCode());
                    assertTrue(result.stderr().contains(message), "expected '" + message + "' in: " + result.stderr());
                }));
    }

    private static Stream<Path> fixtures(String directory) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(directory))) {
            return files
                    .filter(file ->
                            file.toString().endsWith(".xml") && !file.toString().endsWith(".out.xml"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static String name(String xml) {
        Matcher name = NAME.matcher(xml);
        assertTrue(name.find(), "no <name> in fixture");
        return name.group(1);
    }
}
