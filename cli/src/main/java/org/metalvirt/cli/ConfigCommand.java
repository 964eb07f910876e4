package org.metalvirt.cli;

import picocli.CommandLine.Command;

@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "The daemon's configuration file.",
        subcommands = {ConfigCheckCommand.class})
final class ConfigCommand {}
