package org.metalvirt.cli;

import java.util.List;
import org.metalvirt.shim.protocol.Metalvirt;
import org.metalvirt.shim.protocol.MetalvirtProcedures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description =
                "A self-test that changes nothing: reads the inventory and the power (reaching the BMC or the GPIO"
                        + " lines), lists the NIC's VFs and the card's disks. Exit status 4 when a step fails.",
        footer = ExitCodes.LIST)
final class NodesCheckCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    Common common;

    @Parameters(paramLabel = "NODE", description = "the node's name")
    String node;

    @Override
    public Integer call() {
        try (AdminClient daemon = common.connect()) {
            List<Metalvirt.CheckResult> checks = daemon.metalvirt(
                            MetalvirtProcedures.NODE_CHECK, new Metalvirt.NodeArgs(node, 0))
                    .checks();
            common.out()
                    .table(
                            List.of("step", "result", "detail"),
                            checks.stream()
                                    .map(check -> List.<Object>of(check.name(), result(check.ok()), check.detail()))
                                    .toList());
            return checks.stream().anyMatch(check -> check.ok() == 0) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
        }
    }

    private static String result(int ok) {
        return switch (ok) {
            case 1 -> "ok";
            case 0 -> "FAILED";
            default -> "n/a";
        };
    }
}
