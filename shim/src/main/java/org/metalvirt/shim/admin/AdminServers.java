package org.metalvirt.shim.admin;

import java.util.List;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.ServerClients;
import org.metalvirt.shim.dispatch.Workers;

/**
 * The daemon's servers as libvirt's admin program lists them, named as libvirtd names its own so
 * that tools written for libvirtd find them: {@code admin} (the admin socket's clients) and
 * {@code libvirtd} (the clients of the TCP, read-write and read-only sockets), each with its
 * clients and its worker pools.
 */
public final class AdminServers {

    public static final String ADMIN = "admin";
    public static final String LIBVIRTD = "libvirtd";

    /** One server: its clients and the workers its calls run on. */
    public record Server(String name, ServerClients clients, Workers workers) {}

    private final List<Server> servers;

    public AdminServers(Server admin, Server libvirtd) {
        this.servers = List.of(admin, libvirtd);
    }

    /** Every server, {@code admin} first, as libvirtd lists them. */
    public List<Server> all() {
        return servers;
    }

    public Server libvirtd() {
        return servers.get(1);
    }

    /** libvirt's answer when a server has no TLS listener whose files could be read again. */
    public static VirtException noTls() {
        return new VirtException(
                ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "no tls service found, unable to update tls files");
    }

    /** The server called {@code name}, or libvirt's "Server not found". */
    public Server lookup(String name) {
        return servers.stream()
                .filter(server -> server.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new VirtException(
                        ErrorNumber.NO_SERVER, ErrorDomain.ADMIN, "Server not found: No server named '" + name + "'"));
    }
}
