package org.metalvirt.cli;

import java.util.Map;
import org.metalvirt.shim.protocol.Admin;
import org.metalvirt.shim.protocol.AdminProcedures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "disconnect",
        mixinStandardHelpOptions = true,
        description = "Closes a client's connection; the client sees it end.",
        footer = ExitCodes.LIST)
final class ClientsDisconnectCommand implements Runnable {

    @Mixin
    Common common;

    @Parameters(paramLabel = "ID", description = "the client's id, from clients list")
    long id;

    @Option(names = "--server", paramLabel = "NAME", description = "libvirtd (the default) or admin")
    String server = "libvirtd";

    @Override
    public void run() {
        try (AdminClient daemon = common.connect()) {
            Admin.Server srv = new Admin.Server(server);
            Admin.Client client = daemon.admin(
                            AdminProcedures.SERVER_LOOKUP_CLIENT, new Admin.ServerLookupClientArgs(srv, id, 0))
                    .clnt();
            daemon.admin(AdminProcedures.CLIENT_CLOSE, new Admin.ClientCloseArgs(client, 0));
            if (common.json()) {
                common.out().print(Map.of("disconnected", id));
            } else {
                common.out().say("client " + id + " disconnected");
            }
        }
    }
}
