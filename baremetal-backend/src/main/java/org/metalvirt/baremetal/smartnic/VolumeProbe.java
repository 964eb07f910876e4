package org.metalvirt.baremetal.smartnic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * Whether a volume the storage daemon exports is still there, checked from the card the way the
 * daemon reaches it: an image file still at its path and no shorter than when it was exported, an
 * NBD server or iSCSI portal still taking connections. Needed because qemu-storage-daemon 7.2 says
 * nothing of it: a volume gone under an export fails the server's I/O (EIO) with no QMP event, no
 * log line and no failed-operation count. Other protocols are not probed.
 */
final class VolumeProbe {

    private static final int CONNECT_MILLIS = 2000;

    private VolumeProbe() {}

    /** Why {@code disk}'s volume fails now, if it does; {@code exportedSize} is a file's size when exported. */
    static Optional<String> failure(VirtioBlkDisk disk, long exportedSize) {
        return switch (disk.protocol()) {
            case "file" -> file(Path.of(disk.target()), exportedSize);
            case "nbd", "iscsi" -> servers(disk.protocol(), disk.hosts());
            default -> Optional.empty();
        };
    }

    /** A file's size now, or -1 when it is not a file disk or cannot be read. */
    static long size(VirtioBlkDisk disk) {
        try {
            return disk.protocol().equals("file") ? Files.size(Path.of(disk.target())) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static Optional<String> file(Path path, long exportedSize) {
        if (!Files.exists(path)) {
            return Optional.of("image file " + path + " is gone");
        }
        try {
            long size = Files.size(path);
            return size < exportedSize
                    ? Optional.of("image file " + path + " was cut from " + exportedSize + " to " + size + " bytes")
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read image file " + path + ": " + e.getMessage());
        }
    }

    /** One server of the volume taking a connection is enough: QEMU tries them in turn. */
    private static Optional<String> servers(String protocol, List<String> hosts) {
        List<String> refusals = new ArrayList<>();
        for (String host : hosts) {
            int colon = host.lastIndexOf(':');
            String name = host.substring(0, colon).replace("[", "").replace("]", "");
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(name, Integer.parseInt(host.substring(colon + 1))), CONNECT_MILLIS);
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                refusals.add(host + " (" + e.getMessage() + ")");
            }
        }
        return refusals.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        "the " + protocol + " server of the volume does not answer: " + String.join(", ", refusals));
    }
}
