package org.metalvirt.baremetal.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.HostStatistics;

/**
 * The server's processor use as its BMC measures it: the ComputerSystem's
 * {@code ProcessorSummary.Metrics}, a ProcessorMetrics resource whose {@code KernelPercent} and
 * {@code UserPercent} sample the whole server. A BMC without that link, or without both figures,
 * measures nothing: "not supported". Redfish has no figure for free memory (MemoryMetrics counts
 * bandwidth and ECC errors), nor per-CPU use here, so those are "not supported" too.
 */
public final class RedfishHostStatistics implements HostStatistics {

    private final RedfishClient client;

    public RedfishHostStatistics(RedfishSettings settings) {
        this(new RedfishClient(settings));
    }

    RedfishHostStatistics(RedfishClient client) {
        this.client = client;
    }

    @Override
    public CpuUse cpu(OptionalInt cpu) {
        if (cpu.isPresent()) {
            throw VirtException.noSupport("per-CPU statistics: the BMC measures the server's processors as a whole");
        }
        String metrics = client.get(client.system())
                .path("ProcessorSummary")
                .path("Metrics")
                .path("@odata.id")
                .asText("");
        if (metrics.isEmpty()) {
            throw VirtException.noSupport("processor statistics: the BMC links no ProcessorSummary.Metrics");
        }
        JsonNode sample = client.get(metrics);
        JsonNode kernel = sample.path("KernelPercent");
        JsonNode user = sample.path("UserPercent");
        if (!kernel.isNumber() || !user.isNumber()) {
            throw VirtException.noSupport("processor statistics: the BMC reports no KernelPercent and UserPercent");
        }
        long percent = Math.round(kernel.asDouble() + user.asDouble());
        return new CpuUtilization((int) Math.max(0, Math.min(100, percent)));
    }

    @Override
    public MemoryUse memory(OptionalInt cell) {
        throw VirtException.noSupport("memory statistics: Redfish reports no free memory of the server");
    }
}
