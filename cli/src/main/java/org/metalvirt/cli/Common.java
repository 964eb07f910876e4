package org.metalvirt.cli;

import java.nio.file.Path;
import org.metalvirt.shim.server.DaemonSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command takes, before or after its name ({@code metalvirtctl --json nodes
 * list} and {@code metalvirtctl nodes list --json} alike): the command's own value wins, then the
 * top command's, then the default.
 */
final class Common {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--socket",
            paramLabel = "PATH",
            description = "the daemon's admin socket (default: metalvirtd's default, metalvirt-sock-admin in the"
                    + " runtime directory)")
    Path socket;

    @Option(names = "--json", description = "print JSON for scripts instead of tables")
    boolean json;

    Path socket() {
        if (socket != null) {
            return socket;
        }
        Common top = top();
        return top != null && top.socket != null ? top.socket : DaemonSettings.defaultAdminSocket();
    }

    boolean json() {
        Common top = top();
        return json || (top != null && top.json);
    }

    private Common top() {
        Object root = mixee.root().userObject();
        return root instanceof Metalvirtctl ctl && ctl.common != this ? ctl.common : null;
    }

    /** Opens a connection to the daemon this command is about. */
    AdminClient connect() {
        return AdminClient.open(socket());
    }

    Output out() {
        return new Output(mixee.commandLine().getOut(), json());
    }
}
