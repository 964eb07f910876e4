package org.metalvirt.cli;

import picocli.CommandLine.Command;

@Command(
        name = "clients",
        mixinStandardHelpOptions = true,
        description = "The daemon's clients: list them, disconnect one.",
        subcommands = {ClientsListCommand.class, ClientsDisconnectCommand.class})
final class ClientsCommand {}
