package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * A server is one instance: with the nova.conf of {@code shim/docs/nova.md}, Nova's own resource
 * update ({@code get_available_resource}, {@code update_provider_tree} into Nova's ProviderTree)
 * offers exactly the test server's 16 logical CPUs and 16 GiB at ratio 1.0, none of the compute
 * host's 100 GiB disk, and Nova's NumInstancesFilter refuses a second instance. Nova's defaults,
 * run first in the same process, offer what the document's table says they do.
 */
class NovaInventoryTest {

    private static final Path DOC = Path.of("docs", "nova.md");
    private static final Pattern INI = Pattern.compile("```ini\\n(.*?)```", Pattern.DOTALL);

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    private static JsonNode seen;
    private static String told;

    @BeforeAll
    static void offerWithNova(@TempDir Path dir) throws IOException {
        Matcher conf = INI.matcher(Files.readString(DOC));
        assertTrue(conf.find(), "shim/docs/nova.md gives its nova.conf in an ini block");
        Path novaConf = Files.writeString(dir.resolve("nova.conf"), conf.group(1));
        seen = Python.run(Duration.ofSeconds(120), "nova_inventory.py", DAEMON.tcpUri("qemu"), novaConf.toString());
        told = seen.toPrettyString();
    }

    @Test
    void theDocumentedConfigurationOffersOneServer() {
        JsonNode inventory = seen.get("configured").get("inventory");
        assertOffer(inventory.get("VCPU"), 16, 0, 1.0);
        assertOffer(inventory.get("MEMORY_MB"), 16384, 0, 1.0);
        assertOffer(inventory.get("DISK_GB"), 100, 100, 1.0);
        assertEquals(0.0, inventory.get("DISK_GB").get("capacity").asDouble(), "no local disk to place\n" + told);
        assertFalse(seen.get("configured").get("secondInstancePasses").asBoolean(), "NumInstancesFilter\n" + told);
        assertEquals("[]", seen.get("unknownFilters").toString(), "every filter named is one of Nova's\n" + told);
        assertTrue(seen.get("applied").toString().contains("max_instances_per_host = 1"), told);
    }

    @Test
    void novasDefaultsWouldOfferTheServerManyTimesOver() {
        JsonNode inventory = seen.get("defaults").get("inventory");
        assertOffer(inventory.get("VCPU"), 16, 0, 16.0);
        assertOffer(inventory.get("MEMORY_MB"), 16384, 512, 1.5);
        assertOffer(inventory.get("DISK_GB"), 100, 0, 1.0);
        assertEquals(256.0, inventory.get("VCPU").get("capacity").asDouble(), told);
        assertEquals(23808.0, inventory.get("MEMORY_MB").get("capacity").asDouble(), told);
        assertTrue(seen.get("defaults").get("secondInstancePasses").isNull(), "NumInstancesFilter is off\n" + told);
    }

    private static void assertOffer(JsonNode record, int total, int reserved, double ratio) {
        assertEquals(total, record.get("total").asInt(), told);
        assertEquals(reserved, record.get("reserved").asInt(), told);
        assertEquals(ratio, record.get("allocation_ratio").asDouble(), told);
    }
}
