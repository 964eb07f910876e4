package org.metalvirt.baremetal.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.HostStatistics.CpuUtilization;

/** The server's processor use from its BMC's ProcessorMetrics, and "not supported" wherever the BMC has no figure. */
class RedfishHostStatisticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private FakeRedfish bmc;
    private RedfishHostStatistics stats;

    @BeforeEach
    void start() throws IOException {
        bmc = new FakeRedfish("admin", "s3cret");
        Path password = dir.resolve("redfish.pw");
        Files.writeString(password, "s3cret\n");
        stats = new RedfishHostStatistics(bmc.settings(password, Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    @Test
    void utilizationIsKernelAndUserPercentOfTheLinkedProcessorMetrics() throws IOException {
        bmc.processorMetrics(
                JSON.readTree("{\"KernelPercent\": 12.4, \"UserPercent\": 30.3, \"TemperatureCelsius\": 50}"));

        assertEquals(new CpuUtilization(43), stats.cpu(OptionalInt.empty()));
    }

    @Test
    void aSystemWithoutProcessorMetricsMeasuresNothing() {
        VirtException e = assertThrows(VirtException.class, () -> stats.cpu(OptionalInt.empty()));

        assertEquals(ErrorNumber.NO_SUPPORT, e.number());
    }

    @Test
    void metricsWithoutTheModePercentagesAreNoUtilization() throws IOException {
        bmc.processorMetrics(JSON.readTree("{\"TemperatureCelsius\": 50, \"ConsumedPowerWatt\": 120}"));

        VirtException e = assertThrows(VirtException.class, () -> stats.cpu(OptionalInt.empty()));

        assertEquals(ErrorNumber.NO_SUPPORT, e.number());
    }

    @Test
    void oneCpuAndMemoryAreNotMeasuredByRedfish() throws IOException {
        bmc.processorMetrics(JSON.readTree("{\"KernelPercent\": 1, \"UserPercent\": 2}"));

        assertEquals(
                ErrorNumber.NO_SUPPORT,
                assertThrows(VirtException.class, () -> stats.cpu(OptionalInt.of(0)))
                        .number());
        assertEquals(
                ErrorNumber.NO_SUPPORT,
                assertThrows(VirtException.class, () -> stats.memory(OptionalInt.empty()))
                        .number());
    }
}
