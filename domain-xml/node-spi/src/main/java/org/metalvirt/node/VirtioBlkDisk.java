package org.metalvirt.node;

import java.util.Objects;
import java.util.Optional;

/**
 * A virtio-blk device the card exposes to the server, backed by a remote volume.
 *
 * @param id       stable identity within the domain (libvirt's alias, or the target dev)
 * @param serial   the serial the server's OS sees, if any
 * @param protocol the volume's protocol: {@code iscsi}, {@code rbd}, {@code nbd}, {@code nvme-of},
 *                 {@code block} for a device the card already has, {@code file} for an image file the
 *                 card reaches (a {@code dir} or {@code netfs} pool's), or {@code volume} for a
 *                 volume of a storage pool the backend resolves
 * @param target   what the protocol names: IQN and LUN, pool/image, NQN, device path, file path, pool/volume
 * @param hosts    {@code host:port} of the volume's servers
 * @param secret   the libvirt secret holding the credentials, if any, as
 *                 {@code type=ceph,uuid=…,username=…} ({@code usage=…} instead of {@code uuid=…} when
 *                 the XML names the secret by usage)
 * @param readOnly whether the server may only read it
 * @param format   the image format of a {@code file} ({@code raw}, {@code qcow2}), never probed from
 *                 its contents; empty for the other protocols, which carry raw blocks
 */
public record VirtioBlkDisk(
        String id,
        Optional<String> serial,
        String protocol,
        String target,
        java.util.List<String> hosts,
        Optional<String> secret,
        boolean readOnly,
        Optional<String> format) {

    public VirtioBlkDisk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        hosts = java.util.List.copyOf(hosts);
    }

    /** A disk of raw blocks (every protocol but {@code file}). */
    public VirtioBlkDisk(
            String id,
            Optional<String> serial,
            String protocol,
            String target,
            java.util.List<String> hosts,
            Optional<String> secret,
            boolean readOnly) {
        this(id, serial, protocol, target, hosts, secret, readOnly, Optional.empty());
    }
}
