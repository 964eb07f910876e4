package org.metalvirt.cli;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.metalvirt.shim.protocol.Metalvirt;
import picocli.CommandLine.Command;

@Command(
        name = "nodes",
        mixinStandardHelpOptions = true,
        description = "The daemon's nodes (bare-metal servers): list, show, self-test, maintenance power.",
        subcommands = {NodesListCommand.class, NodesShowCommand.class, NodesCheckCommand.class, NodesPowerCommand.class
        })
final class NodesCommand {

    static final List<String> COLUMNS = List.of("name", "backend", "power", "domain", "state", "last poll", "health");

    /** A node as a row of {@link #COLUMNS}; null where there is nothing (no domain bound, no poll yet). */
    static List<Object> row(Metalvirt.Node node) {
        return Arrays.asList(
                node.name(),
                node.backend(),
                node.power(),
                node.domain().orElse(null),
                node.domainState(),
                node.lastPollMillis() == 0
                        ? "never"
                        : Instant.ofEpochMilli(node.lastPollMillis()).toString(),
                node.health());
    }
}
