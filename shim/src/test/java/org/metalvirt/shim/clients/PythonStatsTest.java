package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.DefinedDomain;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/** python3-libvirt's statistics calls and Nova's Guest readers of them, against a running simulated server. */
class PythonStatsTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    /** libvirt's error codes. */
    private static final int NO_SUPPORT = 3;

    private static final int INVALID_ARG = 8;
    private static final int ARGUMENT_UNSUPPORTED = 74;

    @RegisterExtension
    final DefinedDomain web = DefinedDomain.running(DAEMON);

    @Test
    void statisticsAreWhatTheServerGivesAndLibvirtsErrorsTheRest() {
        JsonNode r = Python.run(Duration.ofSeconds(60), "domain_stats.py", DAEMON.tcpUri("qemu"), "web-1");

        for (String call : new String[] {"allStats", "listStats", "vcpus", "pinInfo", "jobInfo", "jobStats"}) {
            assertTrue(r.get(call).has("ok"), call + ": " + r.get(call));
        }
        JsonNode all = r.get("allStats").get("ok").get(0);
        assertEquals("web-1", all.get(0).asText());
        assertEquals(1, all.get(1).get("state.state").asInt());
        assertEquals(4194304, all.get(1).get("balloon.maximum").asLong());
        assertEquals(1, all.get(1).get("vcpu.3.state").asInt());
        assertEquals(0, all.get(1).get("net.count").asInt());
        assertTrue(all.get(1).get("cpu.time") == null, all.toString());
        assertEquals(
                "[[\"web-1\",{\"state.state\":1,\"state.reason\":1,\"vcpu.current\":4,\"vcpu.maximum\":4,"
                        + "\"vcpu.0.state\":1,\"vcpu.1.state\":1,\"vcpu.2.state\":1,\"vcpu.3.state\":1}]]",
                r.get("listStats").get("ok").toString());
        assertEquals(ARGUMENT_UNSUPPORTED, r.get("enforced").get("error").asInt());

        // vCPU n on CPU n, running, no time known; free to run on all 16 CPUs.
        assertEquals(
                "[[0,1,0,0],[1,1,0,1],[2,1,0,2],[3,1,0,3]]",
                r.get("vcpus").get("ok").get(0).toString());
        assertEquals(4, r.get("vcpus").get("ok").get(1).size());
        assertEquals(16, r.get("vcpus").get("ok").get(1).get(0).size());
        assertTrue(r.get("pinInfo").get("ok").get(2).toString().matches("\\[(true,){15}true\\]"));

        assertEquals("[0,0,0,0,0,0,0,0,0,0,0,0]", r.get("jobInfo").get("ok").toString());
        assertEquals("{\"type\":0}", r.get("jobStats").get("ok").toString());
        assertEquals(NO_SUPPORT, r.get("cpuStats").get("error").asInt());
        assertEquals(INVALID_ARG, r.get("badFlags").get("error").asInt());

        assertEquals(4, r.get("nodeCpuStats").get("ok").size());
        assertEquals(0, r.get("nodeCpuStats").get("ok").get("user").asLong());
        assertEquals(16777216, r.get("nodeMemoryStats").get("ok").get("total").asLong());

        assertEquals("{}", r.get("leases").get("ok").toString());
        assertEquals(ARGUMENT_UNSUPPORTED, r.get("agent").get("error").asInt());
        assertEquals(ARGUMENT_UNSUPPORTED, r.get("hostname").get("error").asInt());

        // Nova reads the same: vCPU id, CPU, state, time; and no job.
        assertEquals(
                "[[0,0,1,0],[1,1,1,0],[2,2,1,0],[3,3,1,0]]",
                r.get("novaVcpus").get("ok").toString());
        assertEquals(0, r.get("novaJob").get("ok").asInt());
    }
}
