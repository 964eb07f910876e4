package org.metalvirt.baremetal.smartnic;

import java.util.regex.Pattern;
import org.metalvirt.error.Failures;
import org.metalvirt.node.VirtioBlkDisk;

/** How the disk records' targets and hosts are read, shared by both providers. */
final class Volumes {

    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9_-]");

    private Volumes() {}

    /** Credentials live in libvirt secrets, which the node SPI does not hand to backends yet. */
    static void refuseSecrets(VirtioBlkDisk disk) {
        if (disk.secret().isPresent()) {
            throw Failures.unsupported("disk '" + disk.id() + "' needs the credentials of secret "
                    + disk.secret().get() + ", which the SmartNIC drivers cannot use yet");
        }
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
