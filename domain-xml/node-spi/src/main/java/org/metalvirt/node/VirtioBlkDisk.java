package org.metalvirt.node;

import java.util.Objects;
import java.util.Optional;

/**
 * A virtio-blk device the card exposes to the server, backed by a remote volume.
 *
 * @param id       stable identity within the domain (libvirt's alias, or the target dev)
 * @param serial   the serial the server's OS sees, if any
 * @param protocol the volume's protocol: {@code iscsi}, {@code rbd}, {@code nbd}, {@code nvme-of},
 *                 {@code block} for a device the card already has, {@code file} for an image file on the card, or {@code volume} for a volume of
 *                 a storage pool the backend resolves
 * @param target   what the protocol names: IQN and LUN, pool/image, NQN, device path, pool/volume
 * @param hosts    {@code host:port} of the volume's servers
 * @param secret   the libvirt secret holding the credentials, if any, as
 *                 {@code type=ceph,uuid=…,username=…} ({@code usage=…} instead of {@code uuid=…} when
 *                 the XML names the secret by usage)
 * @param readOnly whether the server may only read it
 * @param format   the image format of a {@code file} ({@code raw}, {@code qcow2}), never probed from
 *                 its contents; empty for the other protocols, which carry raw blocks
 * @param credentials the secret's value and user, resolved by the daemon just before it attaches
 *                 the disk; empty in plans, and for disks without {@code <auth>}
 */
public record VirtioBlkDisk(
        String id,
        Optional<String> serial,
        String protocol,
        String target,
        java.util.List<String> hosts,
        Optional<String> secret,
        boolean readOnly,
        Optional<String> format,
        Optional<DiskCredentials> credentials) {

    /** A disk as a plan has it: its secret named, not resolved. */
    public VirtioBlkDisk(
            String id,
            Optional<String> serial,
            String protocol,
            String target,
            java.util.List<String> hosts,
            Optional<String> secret,
            boolean readOnly) {
        this(id, serial, protocol, target, hosts, secret, readOnly, Optional.empty(), Optional.empty());
    }

    /** An image file on the card (a {@code dir} or {@code netfs} pool's) in {@code format}. */
    public static VirtioBlkDisk file(String id, Optional<String> serial, String path, String format, boolean readOnly) {
        return new VirtioBlkDisk(
                id,
                serial,
                "file",
                path,
                java.util.List.of(),
                Optional.empty(),
                readOnly,
                Optional.of(format),
                Optional.empty());
    }

    public VirtioBlkDisk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        hosts = java.util.List.copyOf(hosts);
        Objects.requireNonNull(credentials, "credentials");
    }

    /** This disk with its secret resolved, for the provider that sends it. */
    public VirtioBlkDisk withCredentials(DiskCredentials resolved) {
        return new VirtioBlkDisk(id, serial, protocol, target, hosts, secret, readOnly, format, Optional.of(resolved));
    }
}
