package org.metalvirt.shim.storage;

import java.util.List;
import java.util.Optional;
import org.metalvirt.domainxml.Device;
import org.metalvirt.storage.PoolAuth;
import org.metalvirt.storage.PoolSource;
import org.metalvirt.storage.VolumeFacts;

/**
 * The disk source a pool's volume stands for: a {@code dir}/{@code netfs} volume is its image
 * file, as libvirt makes it a {@code type='file'} disk; an {@code rbd} volume is the Ceph image on
 * the pool's monitors with the pool's key; an {@code iscsi}/{@code iscsi-direct} LUN is the
 * target's LUN through QEMU's initiator (libvirt's {@code mode='direct'}: the card has no kernel
 * session to give a {@code /dev/disk/by-path} device), with the pool's CHAP secret.
 */
final class VolumeSources {

    private VolumeSources() {}

    static Device.DiskSource of(PoolSource pool, VolumeFacts volume) {
        return switch (pool.type()) {
            case "rbd" ->
                new Device.DiskSource.Network(
                        "rbd",
                        Optional.of(volume.path()),
                        hosts(pool, ":6789"),
                        pool.auth().map(auth -> secret(auth, "ceph")));
            case "iscsi", "iscsi-direct" ->
                new Device.DiskSource.Network(
                        "iscsi",
                        Optional.of(pool.device().orElseThrow() + "/" + lun(volume)),
                        hosts(pool, ":3260"),
                        pool.auth().map(auth -> secret(auth, "iscsi")));
            default -> new Device.DiskSource.File(volume.path(), volume.format());
        };
    }

    /** The pool's hosts as a disk's {@code <host>}s give them, each with its port. */
    private static List<String> hosts(PoolSource pool, String defaultPort) {
        return pool.hosts().stream()
                .map(host -> host.lastIndexOf(':') > host.lastIndexOf(']') ? host : host + defaultPort)
                .toList();
    }

    /** An iSCSI pool's volume {@code unit:0:0:N} is LUN {@code N}. */
    private static String lun(VolumeFacts volume) {
        return volume.name().substring(volume.name().lastIndexOf(':') + 1);
    }

    private static Device.SecretRef secret(PoolAuth auth, String type) {
        return new Device.SecretRef(Optional.of(auth.username()), type, auth.uuid(), auth.usage());
    }
}
