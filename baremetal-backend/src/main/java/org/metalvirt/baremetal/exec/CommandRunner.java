package org.metalvirt.baremetal.exec;

import org.metalvirt.error.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seam between the drivers and the programs they run ({@code ipmitool}, {@code ip},
 * {@code devlink}, {@code vdpa}…): tests replace it with a recorder, the daemon uses
 * {@link ExecCommandRunner}.
 */
@FunctionalInterface
public interface CommandRunner {

    /** Runs the command to its end or its timeout; never throws for a failing program. */
    CommandResult run(Command command);

    /**
     * Runs the command and returns its output, or throws {@code OPERATION_TIMEOUT} when it ran
     * past its timeout and {@code OPERATION_FAILED} when it failed, with its stderr.
     */
    default String check(Command command) {
        Logger log = LoggerFactory.getLogger(CommandRunner.class);
        log.debug("running {}", command);
        CommandResult result = run(command);
        if (result.timedOut()) {
            throw Failures.timeout("'" + command.line() + "' did not finish within "
                    + command.timeout().toMillis() + " ms");
        }
        if (result.exitCode() != 0) {
            throw Failures.failed("'" + command.line() + "' failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
        return result.stdout();
    }
}
