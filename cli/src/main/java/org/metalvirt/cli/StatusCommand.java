package org.metalvirt.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.metalvirt.shim.protocol.Metalvirt;
import org.metalvirt.shim.protocol.MetalvirtProcedures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "The daemon's version, uptime, and how many nodes, domains and clients it has.",
        footer = ExitCodes.LIST)
final class StatusCommand implements Runnable {

    @Mixin
    Common common;

    @Override
    public void run() {
        try (AdminClient daemon = common.connect()) {
            Metalvirt.StatusRet status = daemon.metalvirt(MetalvirtProcedures.STATUS, null);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("version", status.version());
            fields.put("started", Instant.ofEpochMilli(status.startedMillis()).toString());
            fields.put(
                    "uptime",
                    common.json()
                            ? status.uptimeSeconds()
                            : Duration.ofSeconds(status.uptimeSeconds()).toString());
            fields.put("nodes", status.nodes());
            fields.put("domains", status.domains());
            fields.put("active domains", status.activeDomains());
            fields.put("clients", status.clients());
            common.out().fields(fields);
        }
    }
}
