package org.metalvirt.shim.server;

import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Unix sockets with libvirt's modes: read-only 0777, read-write 0700 (0770 with a group), admin 0700.
 * Each is bound inside a fresh 0700 directory, given its mode and group there, then renamed into
 * place: it appears with its final mode whatever the umask, so no local user can connect in between.
 */
final class UnixSockets {

    private final Optional<String> group;

    UnixSockets(Optional<String> group) {
        this.group = group;
    }

    void bind(
            Path readWrite, Path readOnly, Consumer<DomainSocketAddress> bindRw, Consumer<DomainSocketAddress> bindRo) {
        bindOne(readWrite, group.isPresent() ? "rwxrwx---" : "rwx------", group, bindRw);
        bindOne(readOnly, "rwxrwxrwx", Optional.empty(), bindRo);
    }

    /** The admin socket: 0700 always, whatever group the others have. */
    void bindAdmin(Path admin, Consumer<DomainSocketAddress> bind) {
        bindOne(admin, "rwx------", Optional.empty(), bind);
    }

    private static void bindOne(Path socket, String mode, Optional<String> group, Consumer<DomainSocketAddress> bind) {
        try {
            Files.createDirectories(socket.getParent());
            removeStale(socket);
            Path staging = Files.createTempDirectory(
                    socket.getParent(),
                    ".b",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try {
                Path bound = staging.resolve("s");
                bind.accept(new DomainSocketAddress(bound.toFile()));
                Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString(mode));
                if (group.isPresent()) {
                    GroupPrincipal principal = socket.getFileSystem()
                            .getUserPrincipalLookupService()
                            .lookupPrincipalByGroupName(group.get());
                    Files.getFileAttributeView(bound, PosixFileAttributeView.class)
                            .setGroup(principal);
                }
                Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(staging.resolve("s"));
                Files.delete(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create socket " + socket, e);
        }
    }

    /** A socket file left by a daemon that died is removed; one that answers means we are not alone. */
    private static void removeStale(Path socket) {
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IllegalStateException("another daemon is listening on " + socket);
        } catch (IOException refused) {
            try {
                Files.delete(socket);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove stale socket " + socket, e);
            }
        }
    }
}
