package org.metalvirt.baremetal.smartnic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.metalvirt.error.Failures;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * QMP {@code blockdev-add} arguments for a disk's volume, as QEMU's block layer reaches it: its
 * NBD client, libiscsi and librbd (Debian's {@code qemu-block-extra}), or an image file of a
 * {@code dir}/{@code netfs} pool in its declared format. QEMU has no NVMe-oF initiator.
 */
final class Blockdevs {

    private Blockdevs() {}

    /**
     * @param secretId the QMP {@code secret} object holding the disk's credentials (CHAP password,
     *                 Ceph key), when it has some: the arguments name it, never the value
     */
    static ObjectNode of(String nodeName, VirtioBlkDisk disk, String initiatorIqn, String secretId) {
        ObjectNode args = object().put("node-name", nodeName).put("read-only", disk.readOnly());
        switch (disk.protocol()) {
            case "nbd" -> {
                String[] host = Volumes.host(disk, 10809);
                args.put("driver", "nbd").set("server", inet(host));
                if (!disk.target().isEmpty()) {
                    args.put("export", disk.target());
                }
            }
            case "iscsi" -> {
                String[] host = Volumes.host(disk, 3260);
                String[] target = Volumes.iscsiTarget(disk);
                args.put("driver", "iscsi")
                        .put("transport", "tcp")
                        .put("portal", host[0] + ":" + host[1])
                        .put("target", target[0])
                        .put("lun", Integer.parseInt(target[1]))
                        .put("initiator-name", initiatorIqn);
                Volumes.credentials(disk).ifPresent(auth -> {
                    auth.username().ifPresent(user -> args.put("user", user));
                    args.put("password-secret", secretId);
                });
            }
            case "rbd" -> {
                String[] target = Volumes.rbdTarget(disk);
                args.put("driver", "rbd").put("pool", target[0]).put("image", target[1]);
                if (!disk.hosts().isEmpty()) {
                    ArrayNode servers = args.putArray("server");
                    for (int i = 0; i < disk.hosts().size(); i++) {
                        String[] host = Volumes.host(disk.hosts().get(i), 6789);
                        servers.addObject().put("host", host[0]).put("port", host[1]);
                    }
                }
                Volumes.credentials(disk).ifPresent(auth -> {
                    auth.username().ifPresent(user -> args.put("user", user));
                    args.put("key-secret", secretId);
                    args.putArray("auth-client-required").add("cephx");
                });
            }
            case "file" -> {
                String format = disk.format().orElse("raw");
                if (!format.equals("raw") && !format.equals("qcow2")) {
                    throw Failures.unsupported(
                            "disk '" + disk.id() + "': image format '" + format + "' is not served; raw and qcow2 are");
                }
                args.put("driver", format)
                        .set("file", object().put("driver", "file").put("filename", disk.target()));
            }
            case "block" ->
                args.put("driver", "raw")
                        .set("file", object().put("driver", "host_device").put("filename", disk.target()));
            default ->
                throw Failures.unsupported("the storage-daemon provider cannot attach " + disk.protocol() + " volumes");
        }
        return args;
    }

    private static ObjectNode inet(String[] host) {
        return object().put("type", "inet").put("host", host[0]).put("port", host[1]);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
