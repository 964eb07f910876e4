package org.metalvirt.baremetal.smartnic;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.metalvirt.error.Failures;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * virtio-blk through SPDK: a bdev for the volume ({@code bdev_iscsi_create},
 * {@code bdev_nvme_attach_controller}, {@code bdev_rbd_create}, {@code bdev_aio_create}), then a
 * virtio-blk controller on it: a vhost-user-blk controller ({@code vhost_create_blk_controller})
 * or a vfio-user endpoint ({@code vfu_virtio_create_blk_endpoint}), which the card's PCIe
 * emulation presents to the host. Removal deletes the controller, then the bdev.
 */
public final class SpdkProvider implements VirtioBlkProvider {

    /** The virtio-blk front end SPDK offers the host, named as the {@code spdk.controller} option names it. */
    public enum Controller {
        @JsonProperty("vhost")
        VHOST,
        @JsonProperty("vfio-user")
        VFIO_USER
    }

    private final SpdkRpc rpc;
    private final Controller controller;
    private final String initiatorIqn;

    public SpdkProvider(SpdkRpc rpc, Controller controller, String initiatorIqn) {
        this.rpc = rpc;
        this.controller = controller;
        this.initiatorIqn = initiatorIqn;
    }

    @Override
    public Exposed expose(int slot, VirtioBlkDisk disk) {
        String bdev = createBdev(Volumes.name("mv_", disk.id()), disk);
        String device = Volumes.name("vblk", Integer.toString(slot));
        try {
            if (controller == Controller.VHOST) {
                ObjectNode params = SpdkRpc.params().put("ctrlr", device).put("dev_name", bdev);
                if (disk.readOnly()) {
                    params.put("readonly", true);
                }
                rpc.call("vhost_create_blk_controller", params);
            } else {
                rpc.call(
                        "vfu_virtio_create_blk_endpoint",
                        SpdkRpc.params().put("name", device).put("bdev_name", bdev));
            }
        } catch (RuntimeException e) {
            deleteBdev(disk.protocol(), bdev);
            throw e;
        }
        return new Exposed(slot, disk.protocol(), bdev, device);
    }

    @Override
    public void remove(Exposed exposed) {
        if (controller == Controller.VHOST) {
            rpc.call("vhost_delete_controller", SpdkRpc.params().put("ctrlr", exposed.device()));
        } else {
            rpc.call("vfu_virtio_delete_endpoint", SpdkRpc.params().put("name", exposed.device()));
        }
        deleteBdev(exposed.protocol(), exposed.volume());
    }

    /** Creates the volume's bdev; returns its name as SPDK reports it. */
    private String createBdev(String name, VirtioBlkDisk disk) {
        switch (disk.protocol()) {
            case "iscsi" -> {
                String[] host = Volumes.host(disk, 3260);
                String[] target = Volumes.iscsiTarget(disk);
                // CHAP in libiscsi's URL (user%password@): it travels in the request body over SPDK's socket alone.
                String chap = Volumes.credentials(disk)
                        .map(auth -> Volumes.urlEncoded(auth.username().orElse("")) + "%"
                                + Volumes.urlEncoded(auth.text()) + "@")
                        .orElse("");
                String url = "iscsi://" + chap + host[0] + ":" + host[1] + "/" + target[0] + "/" + target[1];
                return SpdkRpc.text(rpc.call(
                        "bdev_iscsi_create",
                        SpdkRpc.params().put("name", name).put("url", url).put("initiator_iqn", initiatorIqn)));
            }
            case "nvme-of" -> {
                String[] host = Volumes.host(disk, 4420);
                // The controller is named after the disk; its first namespace is the bdev.
                JsonNode bdevs = rpc.call(
                        "bdev_nvme_attach_controller",
                        SpdkRpc.params()
                                .put("name", name)
                                .put("trtype", "tcp")
                                .put("adrfam", "ipv4")
                                .put("traddr", host[0])
                                .put("trsvcid", host[1])
                                .put("subnqn", disk.target()));
                return SpdkRpc.text(bdevs);
            }
            case "rbd" -> {
                String[] target = Volumes.rbdTarget(disk);
                ObjectNode params = SpdkRpc.params()
                        .put("name", name)
                        .put("pool_name", target[0])
                        .put("rbd_name", target[1])
                        .put("block_size", 512);
                if (!disk.hosts().isEmpty()) {
                    params.putObject("config").put("mon_host", String.join(",", disk.hosts()));
                }
                // cephx: the user and its key as Ceph config values, as QEMU's rbd driver passes them.
                Volumes.credentials(disk).ifPresent(auth -> {
                    auth.username().ifPresent(user -> params.put("user_id", user));
                    ObjectNode config =
                            params.has("config") ? (ObjectNode) params.get("config") : params.putObject("config");
                    config.put("key", auth.base64());
                });
                return SpdkRpc.text(rpc.call("bdev_rbd_create", params));
            }
            case "block" -> {
                return SpdkRpc.text(rpc.call(
                        "bdev_aio_create",
                        SpdkRpc.params()
                                .put("name", name)
                                .put("filename", disk.target())
                                .put("block_size", 512)));
            }
            default -> throw Failures.unsupported("the SPDK provider cannot attach " + disk.protocol() + " volumes");
        }
    }

    private void deleteBdev(String protocol, String bdev) {
        switch (protocol) {
            case "iscsi" -> rpc.call("bdev_iscsi_delete", SpdkRpc.params().put("name", bdev));
            // Detaching the controller deletes its namespaces' bdevs: name the controller, not "<name>n1".
            case "nvme-of" ->
                rpc.call(
                        "bdev_nvme_detach_controller",
                        SpdkRpc.params()
                                .put("name", bdev.endsWith("n1") ? bdev.substring(0, bdev.length() - 2) : bdev));
            case "rbd" -> rpc.call("bdev_rbd_delete", SpdkRpc.params().put("name", bdev));
            case "block" -> rpc.call("bdev_aio_delete", SpdkRpc.params().put("name", bdev));
            default -> throw Failures.unsupported("the SPDK provider cannot detach " + protocol + " volumes");
        }
    }
}
