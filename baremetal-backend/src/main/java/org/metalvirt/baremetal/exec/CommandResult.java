package org.metalvirt.baremetal.exec;

/**
 * What a program did: its exit code (−1 when it could not be started or was killed), what it
 * printed, and whether it was killed for running past its timeout.
 */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", false);
    }

    public static CommandResult failure(int exitCode, String stderr) {
        return new CommandResult(exitCode, "", stderr, false);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
