package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * A python3-libvirt client with an event loop negotiates keepalive, and an idle connection stays
 * open for longer than a minute. The daemon pings every 2 s and gives up after 3 unanswered
 * pings, so the connection only survives if the client answers them and the daemon answers the
 * client's. It idles for real, so it runs beside the other test classes.
 */
@Execution(ExecutionMode.CONCURRENT)
class PythonKeepaliveTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        config.keepalive.interval = 2;
        config.keepalive.count = 3;
    });

    @Test
    void anIdleConnectionWithAnEventLoopOutlivesAMinuteAndClosesCleanly() {
        JsonNode result = Python.run(Duration.ofSeconds(120), "idle_keepalive.py", DAEMON.tcpUri("qemu"), "61");

        assertEquals(1, result.get("aliveAfterIdle").asInt());
        assertEquals(0, result.get("closedWhileIdle").size());
        assertEquals("card-7", result.get("hostnameAfterIdle").asText());
        assertEquals(0, result.get("closed").asInt());
        assertEquals(0, DAEMON.daemon().stats().keepaliveTimeouts());
    }
}
