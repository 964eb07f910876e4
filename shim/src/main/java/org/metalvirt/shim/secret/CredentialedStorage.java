package org.metalvirt.shim.secret;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.BlockStorage;
import org.metalvirt.node.DiskCredentials;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * The seam between secrets and the card's disks: a node's storage that, just before it attaches
 * a disk whose {@code <auth>} names a secret, resolves the secret and hands its value to the
 * backend with the disk. Plans and saved records carry only the reference; the value exists
 * outside the secret table only for the length of the attach. A secret that is missing or has no
 * value refuses the disk with libvirt's NO_SECRET, before the card is touched.
 */
public final class CredentialedStorage implements BlockStorage {

    private final BlockStorage card;
    private final SecretService secrets;

    private CredentialedStorage(BlockStorage card, SecretService secrets) {
        this.card = card;
        this.secrets = secrets;
    }

    /** The node, its disks' secrets resolved from {@code secrets}. */
    public static NodeDriver of(NodeDriver node, SecretService secrets) {
        return node.withStorage(new CredentialedStorage(node.storage(), secrets));
    }

    @Override
    public String attach(VirtioBlkDisk disk) {
        return card.attach(credentialed(disk));
    }

    @Override
    public String restore(VirtioBlkDisk disk, String address) {
        return card.restore(credentialed(disk), address);
    }

    private VirtioBlkDisk credentialed(VirtioBlkDisk disk) {
        return disk.secret()
                .map(reference -> disk.withCredentials(resolve(reference)))
                .orElse(disk);
    }

    @Override
    public void detach(String id) {
        card.detach(id);
    }

    @Override
    public List<String> attached() {
        return card.attached();
    }

    @Override
    public Map<String, String> failures() {
        return card.failures();
    }

    @Override
    public int capacity() {
        return card.capacity();
    }

    /** Reads a plan's {@code type=ceph,uuid=…|usage=…,username=…}. */
    private DiskCredentials resolve(String reference) {
        Map<String, String> fields = new HashMap<>();
        for (String field : reference.split(",")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        String type = fields.getOrDefault("type", "");
        SecretUsage usage = SecretUsage.ofType(type)
                .filter(known -> known == SecretUsage.CEPH || known == SecretUsage.ISCSI)
                .orElseThrow(() -> new VirtException(
                        ErrorNumber.CONFIG_UNSUPPORTED,
                        ErrorDomain.DOMAIN,
                        "unsupported configuration: disk secret type '" + type + "' is not ceph or iscsi"));
        byte[] value = secrets.valueFor(
                usage,
                Optional.ofNullable(fields.get("uuid")).map(UUID::fromString),
                Optional.ofNullable(fields.get("usage")));
        return new DiskCredentials(Optional.ofNullable(fields.get("username")), usage.type(), value);
    }
}
