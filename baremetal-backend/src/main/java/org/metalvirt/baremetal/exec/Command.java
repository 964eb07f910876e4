package org.metalvirt.baremetal.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One program run: its argv, variables added to the daemon's environment, and how long it may
 * take. Secrets travel in {@code environment} or in files, never in {@code argv}, which other
 * users can read in {@code ps}; {@link #toString()} shows argv and only the names of the variables.
 */
public record Command(List<String> argv, Map<String, String> environment, Duration timeout) {

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
    }

    public static Command of(Duration timeout, List<String> argv) {
        return new Command(argv, Map.of(), timeout);
    }

    public static Command of(Duration timeout, String... argv) {
        return of(timeout, List.of(argv));
    }

    public Command withEnvironment(Map<String, String> environment) {
        return new Command(argv, environment, timeout);
    }

    /** The command line as a shell would show it, for logs and messages. */
    public String line() {
        return String.join(" ", argv);
    }

    @Override
    public String toString() {
        return environment.isEmpty() ? line() : "env " + environment.keySet() + " " + line();
    }
}
