package org.metalvirt.cli;

import java.io.PrintWriter;
import org.metalvirt.shim.remote.MetalvirtVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code metalvirtctl}: the operator's command line for a running metalvirtd, over its admin socket. */
@Command(
        name = "metalvirtctl",
        mixinStandardHelpOptions = true,
        versionProvider = Metalvirtctl.Version.class,
        description = "Operate a running metalvirtd through its admin socket: its status, clients, nodes and log level;"
                + " check a configuration file offline.",
        footer = ExitCodes.LIST,
        subcommands = {
            StatusCommand.class,
            ClientsCommand.class,
            NodesCommand.class,
            LogCommand.class,
            ConfigCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Metalvirtctl implements Runnable {

    @Mixin
    Common common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "metalvirtctl-logback.xml");
        System.exit(commandLine().execute(args));
    }

    /** The command line with metalvirtctl's error handling: messages, not stack traces, and exit codes. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Metalvirtctl()).setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (e instanceof AdminClient.Unreachable) {
                err.println("metalvirtctl: " + e.getMessage());
                err.flush();
                return ExitCodes.UNREACHABLE;
            }
            if (e instanceof AdminClient.DaemonError) {
                err.println("metalvirtctl: error: " + e.getMessage());
                err.flush();
                return ExitCodes.REFUSED;
            }
            throw e;
        });
        return line;
    }

    /** Without a command: the usage, and a usage exit. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"metalvirtctl " + MetalvirtVersion.text()};
        }
    }
}
