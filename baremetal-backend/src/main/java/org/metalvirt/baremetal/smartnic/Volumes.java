package org.metalvirt.baremetal.smartnic;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.metalvirt.error.Failures;
import org.metalvirt.node.DiskCredentials;
import org.metalvirt.node.VirtioBlkDisk;

/** How the disk records' targets and hosts are read, shared by the providers. */
final class Volumes {

    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9_-]");

    private Volumes() {}

    /**
     * The credentials of a disk whose {@code <auth>} names a secret, as the daemon resolved them;
     * empty for a disk without one. A named secret left unresolved is a daemon's fault, never sent on.
     */
    static Optional<DiskCredentials> credentials(VirtioBlkDisk disk) {
        if (disk.secret().isPresent() && disk.credentials().isEmpty()) {
            throw Failures.failed("disk '" + disk.id() + "' names secret "
                    + disk.secret().get() + " but no credentials were resolved for it");
        }
        return disk.credentials();
    }

    /** A URL's user-info part, percent-encoded as libiscsi decodes it. */
    static String urlEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The first host, with the protocol's port when none is given. */
    static String[] host(VirtioBlkDisk disk, int defaultPort) {
        if (disk.hosts().isEmpty()) {
            throw Failures.failed("disk '" + disk.id() + "' (" + disk.protocol() + ") names no host");
        }
        return host(disk.hosts().get(0), defaultPort);
    }

    /** {@code host:port} split, with {@code defaultPort} when it has none. */
    static String[] host(String host, int defaultPort) {
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]") && host.indexOf(':') == colon) {
            return new String[] {host.substring(0, colon), host.substring(colon + 1)};
        }
        return new String[] {host, Integer.toString(defaultPort)};
    }

    /** An iSCSI target {@code <iqn>/<lun>}: the IQN and the LUN (0 when absent). */
    static String[] iscsiTarget(VirtioBlkDisk disk) {
        String target = disk.target();
        int slash = target.lastIndexOf('/');
        return slash < 0
                ? new String[] {target, "0"}
                : new String[] {target.substring(0, slash), target.substring(slash + 1)};
    }

    /** An RBD target {@code <pool>/<image>}. */
    static String[] rbdTarget(VirtioBlkDisk disk) {
        String[] parts = disk.target().split("/", 2);
        if (parts.length != 2) {
            throw Failures.failed("RBD disk '" + disk.id() + "' needs a pool/image target, got " + disk.target());
        }
        return parts;
    }

    /** A name made of the characters every tool accepts. */
    static String name(String prefix, String id) {
        return prefix + SAFE.matcher(id).replaceAll("_");
    }
}
