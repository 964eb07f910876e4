package org.metalvirt.cli;

import picocli.CommandLine.Command;

@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description = "The daemon's logging.",
        subcommands = {LogLevelCommand.class})
final class LogCommand {}
