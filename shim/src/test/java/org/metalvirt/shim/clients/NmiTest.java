package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.baremetal.sim.SimulatedServer;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.DefinedDomain;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * {@code virDomainInjectNMI} on the simulated server, whose OS records every NMI it receives:
 * through virsh's {@code inject-nmi}, and through what a virtualbmc-style BMC does for IPMI
 * {@code chassis power diag} ({@code power_diag.py}, python3-libvirt). An NMI reaches a running
 * server only; any other domain gets libvirt's {@code VIR_ERR_OPERATION_INVALID}.
 */
class NmiTest {

    private static final int OPERATION_INVALID = 55;
    private static final int INVALID_ARG = 8;
    private static final int FROM_DOMAIN = 20;
    private static final int IPMI_OK = 0x00;
    private static final int IPMI_COMMAND_NOT_SUPPORTED = 0xD5;

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @RegisterExtension
    final DefinedDomain web = DefinedDomain.defined(DAEMON);

    private static SimulatedServer server() {
        return DAEMON.server("node0");
    }

    private static JsonNode powerDiag() {
        return Python.run(Duration.ofSeconds(30), "power_diag.py", DAEMON.tcpUri("qemu"), "web-1");
    }

    @Test
    void injectNmiReachesTheRunningServersOsWhichRunsOn() {
        web.virsh().ok("start", "web-1");
        int before = server().nmis();

        assertEquals("", web.virsh().ok("inject-nmi", "web-1"));

        assertEquals(before + 1, server().nmis());
        assertEquals("running (booted)", web.virsh().ok("domstate", "web-1", "--reason"));
    }

    @Test
    void injectNmiOnAShutOffDomainIsOperationInvalid() {
        int before = server().nmis();

        Command.Result refused = web.virsh().run("inject-nmi", "web-1");

        assertNotEquals(0, refused.exitCode());
        assertTrue(
                refused.stderr().contains("Requested operation is not valid: domain is not running"), refused.stderr());
        assertEquals(before, server().nmis());
    }

    @Test
    void aServerThatWentOffUnnoticedIsShutOffAndRefusesTheNmi() {
        web.virsh().ok("start", "web-1");
        int before = server().nmis();
        server().osPowersOff();

        Command.Result refused = web.virsh().run("inject-nmi", "web-1");

        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("domain is not running"), refused.stderr());
        assertEquals(before, server().nmis());
        web.virsh().awaitState("web-1", "shut off (shutdown)");
    }

    @Test
    void aReadOnlyConnectionCannotSendAnNmi() {
        web.virsh().ok("start", "web-1");
        int before = server().nmis();

        Command.Result refused =
                Command.run(Duration.ofSeconds(30), "virsh", "-c", DAEMON.unixUri("qemu", true), "inject-nmi", "web-1");

        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("read only access prevents"), refused.stderr());
        assertEquals(before, server().nmis());
    }

    @Test
    void powerDiagOnARunningServerSendsTheNmiAndAnswersSuccess() {
        web.virsh().ok("start", "web-1");
        int before = server().nmis();

        JsonNode diag = powerDiag();

        assertTrue(diag.get("active").asBoolean());
        assertEquals(IPMI_OK, diag.get("ipmi").asInt(), diag.toString());
        assertTrue(diag.get("diagError").isNull(), diag.toString());
        assertTrue(diag.get("direct").isNull(), diag.toString());
        assertEquals(before + 2, server().nmis(), "the diag and the direct call");
        JsonNode flags = diag.get("flags");
        assertEquals(INVALID_ARG, flags.get("code").asInt(), flags.toString());
        assertTrue(flags.get("message").asText().contains("unsupported flags (0x1)"), flags.toString());
    }

    @Test
    void powerDiagOnAShutOffDomainSendsNothingAndTheLibvirtCallIsOperationInvalid() {
        int before = server().nmis();

        JsonNode diag = powerDiag();

        assertFalse(diag.get("active").asBoolean());
        assertEquals(IPMI_OK, diag.get("ipmi").asInt(), "virtualbmc skips an inactive domain: " + diag);
        JsonNode direct = diag.get("direct");
        assertEquals(OPERATION_INVALID, direct.get("code").asInt(), direct.toString());
        assertEquals(FROM_DOMAIN, direct.get("domain").asInt(), direct.toString());
        assertEquals(
                "Requested operation is not valid: domain is not running",
                direct.get("message").asText());
        assertEquals(before, server().nmis());
    }

    /**
     * Started paused, the domain is active but its server is not powered: no CPU can take an NMI
     * (QEMU would queue it for the paused vCPUs). virtualbmc sends it, and answers 0xD5.
     */
    @Test
    void powerDiagOnADomainStartedPausedIsCommandNotSupportedInPresentState() {
        web.virsh().ok("start", "--paused", "web-1");
        int before = server().nmis();

        JsonNode diag = powerDiag();

        assertTrue(diag.get("active").asBoolean());
        assertEquals(IPMI_COMMAND_NOT_SUPPORTED, diag.get("ipmi").asInt(), diag.toString());
        assertEquals(OPERATION_INVALID, diag.get("diagError").get("code").asInt(), diag.toString());
        assertEquals(before, server().nmis());
        assertEquals("paused (user)", web.virsh().ok("domstate", "web-1", "--reason"));
    }
}
