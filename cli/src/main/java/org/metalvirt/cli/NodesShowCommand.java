package org.metalvirt.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.metalvirt.shim.protocol.Metalvirt;
import org.metalvirt.shim.protocol.MetalvirtProcedures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "One node: what nodes list shows, and its inventory (CPUs, memory, identity, firmware, NICs).",
        footer = ExitCodes.LIST)
final class NodesShowCommand implements Runnable {

    @Mixin
    Common common;

    @Parameters(paramLabel = "NODE", description = "the node's name")
    String node;

    @Override
    public void run() {
        try (AdminClient daemon = common.connect()) {
            Metalvirt.NodeShowRet shown =
                    daemon.metalvirt(MetalvirtProcedures.NODE_SHOW, new Metalvirt.NodeArgs(node, 0));
            Map<String, Object> fields = new LinkedHashMap<>();
            List<Object> row = NodesCommand.row(shown.node());
            for (int i = 0; i < row.size(); i++) {
                fields.put(NodesCommand.COLUMNS.get(i), row.get(i));
            }
            shown.inventory().forEach(property -> fields.put(property.name(), property.value()));
            common.out().fields(fields);
        }
    }
}
