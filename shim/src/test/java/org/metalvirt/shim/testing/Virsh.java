package org.metalvirt.shim.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

/** Debian's virsh against one URI, each call a process with a bound. */
public final class Virsh {

    private final String uri;

    public Virsh(String uri) {
        this.uri = uri;
    }

    public Command.Result run(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "virsh";
        command[1] = "-c";
        command[2] = uri;
        System.arraycopy(args, 0, command, 3, args.length);
        return Command.run(Duration.ofSeconds(60), command);
    }

    /** Runs a command that must succeed and returns what it printed, stripped. */
    public String ok(String... args) {
        return run(args).assertSuccess().stdout().strip();
    }

    /**
     * Asks {@code domstate --reason} until it answers {@code expected}; the daemon changes state
     * when the (simulated) server confirms, so this waits on that condition, within a bound.
     */
    public void awaitState(String domain, String expected) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertEquals(expected, ok("domstate", domain, "--reason"), "state of " + domain));
    }
}
