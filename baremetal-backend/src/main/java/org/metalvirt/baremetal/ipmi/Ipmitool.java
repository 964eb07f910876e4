package org.metalvirt.baremetal.ipmi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ipmitool with Ironic's discipline: the password never on argv (a file, or the environment),
 * one command at a time per BMC (BMCs drop sessions under concurrent use), and retries only for
 * failures known to be transient.
 */
final class Ipmitool {

    private static final Logger LOG = LoggerFactory.getLogger(Ipmitool.class);

    /** stderr fragments of failures worth another try: the BMC was busy, not wrong (after Ironic). */
    static final List<String> TRANSIENT = List.of(
            "insufficient resources for session",
            "Node busy",
            "Timeout",
            "Out of space",
            "BMC initialization in progress");

    /** Shared by every node on a BMC: a rack controller may reach one BMC for several nodes. */
    private static final Map<String, ReentrantLock> BMC_LOCKS = new ConcurrentHashMap<>();

    private final IpmiSettings settings;
    private final CommandRunner runner;

    Ipmitool(IpmiSettings settings, CommandRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    /** Runs {@code ipmitool … args} and returns its stdout; OPERATION_FAILED/TIMEOUT otherwise. */
    String run(String... args) {
        Command command = command(List.of(args));
        ReentrantLock lock = BMC_LOCKS.computeIfAbsent(settings.bmc(), bmc -> new ReentrantLock(true));
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                LOG.debug("BMC {}: {} (attempt {})", settings.bmc(), command, attempt);
                CommandResult result = runner.run(command);
                if (result.timedOut()) {
                    throw Failures.timeout("ipmitool " + String.join(" ", args) + " on BMC " + settings.bmc()
                            + " did not finish within "
                            + settings.commandTimeout().toMillis() + " ms");
                }
                if (result.exitCode() == 0) {
                    return result.stdout();
                }
                String error = result.stderr().strip();
                if (attempt >= settings.attempts() || !isTransient(error)) {
                    throw Failures.failed("ipmitool " + String.join(" ", args) + " on BMC " + settings.bmc()
                            + " failed (exit " + result.exitCode() + "): " + error);
                }
                LOG.debug("BMC {}: transient failure, trying again: {}", settings.bmc(), error);
                pause();
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean isTransient(String error) {
        return TRANSIENT.stream().anyMatch(error::contains);
    }

    private void pause() {
        try {
            Thread.sleep(settings.retryDelay().toMillis()); // back-off before the BMC is asked again
        } catch (InterruptedException e) {
            throw Failures.interrupted("waiting to retry BMC " + settings.bmc(), e);
        }
    }

    Command command(List<String> args) {
        List<String> argv = new ArrayList<>(List.of(
                settings.tool(),
                "-I",
                "lanplus",
                "-H",
                settings.host(),
                "-p",
                Integer.toString(settings.port()),
                "-U",
                settings.user(),
                "-C",
                settings.cipherSuite()));
        Map<String, String> environment = Map.of();
        if (settings.passwordFile().isPresent()) {
            argv.addAll(List.of("-f", settings.passwordFile().get().toString()));
        } else {
            String variable = settings.passwordEnv().orElseThrow();
            String password = System.getenv(variable);
            if (password == null) {
                throw Failures.failed(
                        "the BMC password variable " + variable + " is not set in the daemon's environment");
            }
            argv.add("-E");
            environment = Map.of("IPMI_PASSWORD", password);
        }
        argv.addAll(args);
        return new Command(argv, environment, settings.commandTimeout());
    }
}
