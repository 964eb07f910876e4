package org.metalvirt.cli;

import org.metalvirt.shim.protocol.MetalvirtProcedures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Every node: its backend, its power as read now, the domain bound to it, the daemon's last poll,"
                + " and the health of its power path (the BMC or the GPIO lines).",
        footer = ExitCodes.LIST)
final class NodesListCommand implements Runnable {

    @Mixin
    Common common;

    @Override
    public void run() {
        try (AdminClient daemon = common.connect()) {
            common.out()
                    .table(
                            NodesCommand.COLUMNS,
                            daemon.metalvirt(MetalvirtProcedures.NODE_LIST, null).nodes().stream()
                                    .map(NodesCommand::row)
                                    .toList());
        }
    }
}
