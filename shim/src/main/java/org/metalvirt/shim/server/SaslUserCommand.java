package org.metalvirt.shim.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.metalvirt.shim.security.SaslUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code metalvirtd sasl-user add|remove|list}: keeps the SASL users' file. A password is read from
 * the terminal (twice, not echoed) or from the first line of stdin, never from the command line.
 */
@Command(
        name = "sasl-user",
        mixinStandardHelpOptions = true,
        description = "Add, remove or list SASL users (the file keeps only salted SCRAM-SHA-256 verifiers).")
final class SaslUserCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "add, remove or list")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "USER")
    String user;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description =
                    "the users' file, as sasl.credentialsFile (default: sasl-users in the default state directory)")
    Path file;

    @Option(names = "--config", paramLabel = "FILE", description = "the daemon's YAML, to find the file it uses")
    Path config;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path users;
        try {
            users = file != null ? file : configured();
        } catch (ConfigException e) {
            err.println("sasl-user: " + e.getMessage());
            return 2;
        }
        SaslUsers store = SaslUsers.read(users);
        switch (action) {
            case "list" -> store.names().forEach(out::println);
            case "add" -> {
                if (user == null) {
                    err.println("sasl-user add: a user name is needed");
                    return 2;
                }
                char[] password = password(err);
                if (password == null || password.length == 0) {
                    err.println("sasl-user add: no password given");
                    return 2;
                }
                try {
                    store.put(user, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
            case "remove" -> {
                if (user == null || !store.remove(user)) {
                    err.println("sasl-user remove: no user '" + user + "' in " + users);
                    return 1;
                }
            }
            default -> {
                err.println("sasl-user: unknown action '" + action + "', expected add, remove or list");
                return 2;
            }
        }
        out.flush();
        return 0;
    }

    /** The file the daemon reads: {@code sasl.credentialsFile}, else {@code sasl-users} in its state directory. */
    private Path configured() {
        DaemonConfig daemon = config != null ? DaemonConfig.read(config) : new DaemonConfig();
        if (daemon.sasl.credentialsFile != null) {
            return Path.of(daemon.sasl.credentialsFile);
        }
        return (daemon.stateDir != null ? Path.of(daemon.stateDir) : DaemonSettings.defaultStateDir())
                .resolve("sasl-users");
    }

    private static char[] password(PrintWriter err) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, again)) {
                err.println("sasl-user add: the passwords differ");
                return null;
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
