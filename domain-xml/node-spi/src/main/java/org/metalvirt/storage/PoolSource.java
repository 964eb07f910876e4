package org.metalvirt.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a storage pool is made of, as its driver needs it (no XML): the pool's type and name, the
 * directory it lives in on the card, and where its source is.
 *
 * @param type      libvirt's pool type: {@code dir}, {@code netfs}, {@code rbd}, {@code iscsi}, {@code iscsi-direct}
 * @param target    the directory on the card ({@code dir}, {@code netfs}'s mount point)
 * @param hosts     {@code host:port} of the source's servers (NFS server, Ceph monitors, iSCSI portal)
 * @param dir       {@code <source><dir path>}: the NFS export
 * @param name      {@code <source><name>}: the Ceph pool
 * @param device    {@code <source><device path>}: the iSCSI target's IQN
 * @param initiator {@code <initiator><iqn name>}: the IQN the card logs in as
 * @param auth      the secret the source's credentials are in
 */
public record PoolSource(
        String type,
        String pool,
        Optional<String> target,
        List<String> hosts,
        Optional<String> dir,
        Optional<String> name,
        Optional<String> device,
        Optional<String> initiator,
        Optional<PoolAuth> auth) {

    public PoolSource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pool, "pool");
        hosts = List.copyOf(hosts);
    }

    /** The first host, split as {@code [name, port]}, with {@code defaultPort} when it names none. */
    public String[] host(int defaultPort) {
        if (hosts.isEmpty()) {
            throw new IllegalStateException("pool '" + pool + "' has no source host");
        }
        String host = hosts.get(0);
        int colon = host.lastIndexOf(':');
        return colon < 0 || host.endsWith("]")
                ? new String[] {host, Integer.toString(defaultPort)}
                : new String[] {host.substring(0, colon), host.substring(colon + 1)};
    }
}
