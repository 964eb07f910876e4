package org.metalvirt.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.metalvirt.shim.protocol.Admin;
import org.metalvirt.shim.protocol.AdminProcedures;
import org.metalvirt.shim.protocol.Types.BooleanValue;
import org.metalvirt.shim.protocol.Types.IntValue;
import org.metalvirt.shim.protocol.Types.StringValue;
import org.metalvirt.shim.protocol.Types.TypedParam;
import org.metalvirt.shim.protocol.Types.TypedValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "The connected clients: id, transport, since when, read-only, and who (user and pid on a Unix"
                + " socket, the address on TCP).",
        footer = ExitCodes.LIST)
final class ClientsListCommand implements Runnable {

    @Mixin
    Common common;

    @Option(
            names = "--server",
            paramLabel = "NAME",
            description = "libvirtd (the clients of the TCP and Unix sockets, the default) or admin")
    String server = "libvirtd";

    @Override
    public void run() {
        try (AdminClient daemon = common.connect()) {
            Admin.Server srv = new Admin.Server(server);
            List<List<Object>> rows = new ArrayList<>();
            for (Admin.Client client : daemon.admin(
                            AdminProcedures.SERVER_LIST_CLIENTS, new Admin.ServerListClientsArgs(srv, 1, 0))
                    .clients()) {
                Map<String, String> info = daemon
                        .admin(AdminProcedures.CLIENT_GET_INFO, new Admin.ClientGetInfoArgs(client, 0))
                        .params()
                        .stream()
                        .collect(Collectors.toMap(TypedParam::field, param -> text(param.value())));
                String who = info.containsKey("sock_addr")
                        ? info.get("sock_addr")
                        : info.getOrDefault("unix_user_name", info.getOrDefault("unix_user_id", "?")) + " pid "
                                + info.getOrDefault("unix_process_id", "?");
                rows.add(List.of(
                        client.id(),
                        client.transport() == 0 ? "unix" : "tcp",
                        Instant.ofEpochSecond(client.timestamp()).toString(),
                        "1".equals(info.get("readonly")) ? "yes" : "no",
                        who));
            }
            common.out().table(List.of("id", "transport", "since", "readonly", "peer"), rows);
        }
    }

    private static String text(TypedValue value) {
        if (value instanceof StringValue string) {
            return string.value();
        }
        if (value instanceof IntValue number) {
            return Integer.toString(number.value());
        }
        if (value instanceof BooleanValue bool) {
            return Integer.toString(bool.value());
        }
        return value.toString();
    }
}
