package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * The Prometheus endpoint, scraped over loopback after real virsh calls: calls by procedure and
 * result, errors by libvirt code, connections, events, power operations by backend, a power change
 * made at the server; and what Prometheus' own {@code promtool check metrics} says of the page.
 */
class MetricsTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> config.listen.metrics = "127.0.0.1:0");

    @Test
    void aScrapeCountsWhatVirshDidAndPassesPromtool(@TempDir Path dir) throws Exception {
        String uri = DAEMON.tcpUri("qemu");
        Virsh virsh = new Virsh(uri);
        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        try (LineWatcher events =
                LineWatcher.start("virsh", "-c", uri, "event", "--event", "lifecycle", "--loop", "--timeout", "120")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> DAEMON.daemon().events().registrations() >= 1);
            virsh.ok("start", "web-1");
            assertEquals(1, virsh.run("dominfo", "no-such-domain").exitCode());
            DAEMON.server("node0").holdPowerButton();
            virsh.awaitState("web-1", "shut off (shutdown)");
            events.awaitLine(line -> line.contains("Stopped"), Duration.ofSeconds(30));
        } finally {
            virsh.run("undefine", "web-1");
        }

        String page = scrape();
        assertTrue(
                value(page, "metalvirt_calls_total{procedure=\"DOMAIN_CREATE\",program=\"remote\",result=\"ok\"}") >= 1,
                page);
        assertTrue(value(
                        page,
                        "metalvirt_calls_total{procedure=\"DOMAIN_LOOKUP_BY_NAME\",program=\"remote\",result=\"error\"}")
                >= 1);
        assertTrue(value(page, "metalvirt_call_errors_total{code=\"VIR_ERR_NO_DOMAIN\"}") >= 1);
        assertTrue(value(page, "metalvirt_call_duration_seconds_count{procedure=\"DOMAIN_CREATE\",program=\"remote\"}")
                >= 1);
        assertTrue(page.contains(
                "metalvirt_call_duration_seconds_bucket{procedure=\"DOMAIN_CREATE\",program=\"remote\",le=\"+Inf\"}"));
        assertTrue(value(page, "metalvirt_connections_accepted_total{transport=\"tcp\"}") >= 4);
        assertTrue(value(page, "metalvirt_events_queued_total") >= 2, "Started and Stopped were sent to virsh event");
        assertEquals(0, value(page, "metalvirt_events_dropped_total"));
        assertTrue(value(
                        page,
                        "metalvirt_power_operations_total{backend=\"sim\",driver=\"sim\",operation=\"on\",result=\"ok\"}")
                >= 1);
        assertTrue(
                value(page, "metalvirt_power_operation_duration_seconds_count{backend=\"sim\",operation=\"on\"}") >= 1);
        assertEquals(1, value(page, "metalvirt_power_changes_out_of_band_total{node=\"node0\",power=\"off\"}"));

        Path scraped = Files.writeString(dir.resolve("metrics.txt"), page);
        Command.Result lint = Command.run(Duration.ofSeconds(60), "sh", "-c", "promtool check metrics < " + scraped);
        assertEquals(0, lint.exitCode(), "promtool check metrics:\n" + lint.stdout() + lint.stderr());
    }

    @Test
    void theEndpointListensOnLoopbackOnly() {
        InetSocketAddress address = DAEMON.daemon().metricsAddress().orElseThrow();
        assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
    }

    private static String scrape() throws Exception {
        InetSocketAddress address = DAEMON.daemon().metricsAddress().orElseThrow();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return response.body();
    }

    /** The value of one sample, by its name and labels as the page writes them; absent is a failure. */
    private static double value(String page, String sample) {
        Matcher matcher =
                Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(page);
        assertTrue(matcher.find(), sample + " not in\n" + page);
        return Double.parseDouble(matcher.group(1));
    }
}
