package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.node.PowerState;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/** A domain's life through Debian's virsh: each command prints what it prints against libvirtd. */
abstract class VirshDomainTest {

    /** The daemon of the concrete class, with the backend it chose. */
    abstract RunningDaemon daemon();

    @TempDir
    Path dir;

    private Virsh virsh;

    @BeforeEach
    void define() {
        virsh = new Virsh(daemon().tcpUri("qemu"));
        String out = virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        assertTrue(out.startsWith("Domain 'web-1' defined from"), out);
    }

    @AfterEach
    void undefine() {
        if (virsh.run("domstate", "web-1").stdout().strip().equals("running")) {
            virsh.ok("destroy", "web-1");
        }
        virsh.run("undefine", "web-1");
    }

    @Test
    void aDefinedDomainIsListedShutOffWithNoId() {
        String list = virsh.ok("list", "--all");

        assertTrue(list.lines().anyMatch(line -> line.matches("\\s*-\\s+web-1\\s+shut off")), list);
        assertEquals("shut off (unknown)", virsh.ok("domstate", "web-1", "--reason"));
    }

    @Test
    void dominfoDescribesTheDomain() {
        String info = virsh.ok("dominfo", "web-1");

        assertTrue(info.contains("Name:           web-1"), info);
        assertTrue(info.contains("UUID:           c7a5fdbd-cdaf-9455-926a-d65c16db1809"), info);
        assertTrue(info.contains("OS Type:        hvm"), info);
        assertTrue(info.contains("State:          shut off"), info);
        assertTrue(info.contains("CPU(s):         4"), info);
        assertTrue(info.contains("Max memory:     4194304 KiB"), info);
        assertTrue(info.contains("Persistent:     yes"), info);
        assertTrue(info.contains("Autostart:      disable"), info);
        assertTrue(info.contains("Managed save:   no"), info);
    }

    @Test
    void startPowersTheServerOnAndGivesTheDomainAnId() {
        assertEquals("Domain 'web-1' started", virsh.ok("start", "web-1"));

        assertEquals("running (booted)", virsh.ok("domstate", "web-1", "--reason"));
        assertEquals(PowerState.ON, daemon().power("node0"));
        String id = virsh.ok("domid", "web-1");
        assertTrue(id.matches("\\d+"), id);
        assertTrue(virsh.ok("dumpxml", "web-1").startsWith("<domain type='kvm' id='" + id + "'>"));
        assertTrue(virsh.ok("dumpxml", "web-1", "--inactive").startsWith("<domain type='kvm'>"));
    }

    @Test
    void startingARunningDomainIsAnError() {
        virsh.ok("start", "web-1");

        Command.Result again = virsh.run("start", "web-1");
        assertNotEquals(0, again.exitCode());
        assertTrue(again.stderr().contains("Domain is already active"), again.stderr());
    }

    @Test
    void shutdownWaitsForTheOsAndEndsShutOff() {
        virsh.ok("start", "web-1");

        assertEquals("Domain 'web-1' is being shutdown", virsh.ok("shutdown", "web-1"));
        virsh.awaitState("web-1", "shut off (shutdown)");
        assertEquals(PowerState.OFF, daemon().power("node0"));
        assertEquals("-", virsh.ok("domid", "web-1"));
    }

    @Test
    void destroyForcesTheServerOff() {
        virsh.ok("start", "web-1");

        assertEquals("Domain 'web-1' destroyed", virsh.ok("destroy", "web-1"));
        assertEquals("shut off (destroyed)", virsh.ok("domstate", "web-1", "--reason"));
        assertEquals(PowerState.OFF, daemon().power("node0"));
    }

    @Test
    void rebootComesBackRunningWithTheSameId() {
        virsh.ok("start", "web-1");
        String id = virsh.ok("domid", "web-1");

        assertEquals("Domain 'web-1' is being rebooted", virsh.ok("reboot", "web-1"));
        assertEquals("running", virsh.ok("domstate", "web-1"));
        assertEquals(id, virsh.ok("domid", "web-1"));
    }

    @Test
    void resetPulsesTheResetLine() {
        virsh.ok("start", "web-1");

        assertEquals("Domain 'web-1' was reset", virsh.ok("reset", "web-1"));
        assertEquals("running", virsh.ok("domstate", "web-1"));
    }

    @Test
    void suspendingAPoweredServerIsUnsupportedAndSaysWhy() {
        virsh.ok("start", "web-1");

        Command.Result suspend = virsh.run("suspend", "web-1");
        assertNotEquals(0, suspend.exitCode());
        assertTrue(suspend.stderr().contains("a powered-on bare-metal server cannot be paused"), suspend.stderr());
    }

    @Test
    void autostartIsRememberedAndShown() {
        assertEquals("Domain 'web-1' marked as autostarted", virsh.ok("autostart", "web-1"));
        assertTrue(virsh.ok("dominfo", "web-1").contains("Autostart:      enable"));
        assertTrue(virsh.ok("list", "--all", "--autostart").contains("web-1"));

        assertEquals("Domain 'web-1' unmarked as autostarted", virsh.ok("autostart", "--disable", "web-1"));
        assertFalse(virsh.ok("list", "--all", "--autostart").contains("web-1"));
    }

    @Test
    void descriptionAndTitleAreKeptInTheDefinition() {
        virsh.ok("desc", "web-1", "--config", "rack 4, slot 2");
        virsh.ok("desc", "web-1", "--config", "--title", "Web front end");

        assertEquals("rack 4, slot 2", virsh.ok("desc", "web-1"));
        assertEquals("Web front end", virsh.ok("desc", "web-1", "--title"));
        assertTrue(virsh.ok("list", "--all", "--title").contains("Web front end"));
        assertTrue(virsh.ok("dumpxml", "web-1").contains("<title>Web front end</title>"));
    }

    @Test
    void metadataElementsAreSetAndReadBackByNamespace() {
        virsh.ok(
                "metadata",
                "web-1",
                "http://app.example/1",
                "--key",
                "app",
                "--config",
                "--set",
                "<owner team='infra'/>");

        assertEquals(
                "<app:owner xmlns:app='http://app.example/1' team='infra'/>",
                virsh.ok("metadata", "web-1", "http://app.example/1"));
        Command.Result missing = virsh.run("metadata", "web-1", "http://other.example/");
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.stderr().contains("metadata not found"), missing.stderr());
    }

    @Test
    void undefineRemovesTheDomainAndAMissingOneIsAnError() {
        assertEquals("Domain 'web-1' has been undefined", virsh.ok("undefine", "web-1"));

        assertFalse(virsh.ok("list", "--all").contains("web-1"));
        Command.Result again = virsh.run("undefine", "web-1");
        assertNotEquals(0, again.exitCode());
        assertTrue(again.stderr().contains("failed to get domain 'web-1'"), again.stderr());
    }

    @Test
    void aReadOnlyConnectionCannotStartADomain() {
        Command.Result result = Command.run(
                java.time.Duration.ofSeconds(30), "virsh", "-c", daemon().unixUri("qemu", true), "start", "web-1");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("read only access prevents"), result.stderr());
        assertEquals("shut off", virsh.ok("domstate", "web-1"));
    }
}
