package org.metalvirt.cli;

import java.util.Locale;
import java.util.Map;
import org.metalvirt.shim.protocol.Metalvirt;
import org.metalvirt.shim.protocol.Metalvirt.NodePowerFlag;
import org.metalvirt.shim.protocol.MetalvirtProcedures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "power",
        mixinStandardHelpOptions = true,
        description =
                "Maintenance power on a node: on, off (held until off) or reset, straight to its hardware, once it"
                        + " confirms. Refused while a domain is active on the node, unless --force; the domain then follows"
                        + " what the hardware reports.",
        footer = ExitCodes.LIST)
final class NodesPowerCommand implements Runnable {

    @Mixin
    Common common;

    @Parameters(index = "0", paramLabel = "NODE", description = "the node's name")
    String node;

    @Parameters(index = "1", paramLabel = "ACTION", description = "on, off or reset")
    Metalvirt.PowerAction action;

    @Option(names = "--force", description = "act even while a domain is active on the node")
    boolean force;

    @Override
    public void run() {
        try (AdminClient daemon = common.connect()) {
            daemon.metalvirt(
                    MetalvirtProcedures.NODE_POWER,
                    new Metalvirt.NodePowerArgs(node, action.ordinal(), force ? NodePowerFlag.FORCE.code() : 0));
            String done = action.name().toLowerCase(Locale.ROOT);
            if (common.json()) {
                common.out().print(Map.of("node", node, "power", done));
            } else {
                common.out().say("node " + node + ": power " + done);
            }
        }
    }
}
