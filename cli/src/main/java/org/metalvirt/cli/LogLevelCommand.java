package org.metalvirt.cli;

import java.util.Map;
import java.util.Optional;
import org.metalvirt.shim.protocol.Metalvirt;
import org.metalvirt.shim.protocol.MetalvirtProcedures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "level",
        mixinStandardHelpOptions = true,
        description = "Changes the daemon's log level now, until it restarts (Logback's levels). virt-admin's"
                + " daemon-log-filters and daemon-log-outputs show and change the same settings libvirt's way.",
        footer = ExitCodes.LIST)
final class LogLevelCommand implements Runnable {

    @Mixin
    Common common;

    @Parameters(paramLabel = "LEVEL", description = "TRACE, DEBUG, INFO, WARN, ERROR or OFF")
    String level;

    @Option(
            names = "--logger",
            paramLabel = "NAME",
            description = "only this logger and those below it (a package or class, e.g. org.metalvirt.shim.dispatch)")
    String logger;

    @Override
    public void run() {
        try (AdminClient daemon = common.connect()) {
            daemon.metalvirt(
                    MetalvirtProcedures.LOG_SET_LEVEL,
                    new Metalvirt.LogSetLevelArgs(Optional.ofNullable(logger), level, 0));
            String what = logger == null ? "the daemon" : logger;
            if (common.json()) {
                common.out().print(Map.of("logger", what, "level", level));
            } else {
                common.out().say("log level of " + what + ": " + level);
            }
        }
    }
}
