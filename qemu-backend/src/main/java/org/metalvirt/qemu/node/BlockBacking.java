package org.metalvirt.qemu.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.metalvirt.baremetal.qmp.QmpClient;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * What stands behind a disk in QEMU ({@code blockdev-add} arguments). On a SmartNIC the card
 * reaches the volume; here QEMU must, so:
 * <ul>
 *   <li>{@code block} (and {@code file}): the path in {@code target}, a host device or a raw image file;</li>
 *   <li>{@code nbd}: QEMU's own NBD client to the first of {@code hosts} ({@code host:port}), export {@code target};</li>
 *   <li>everything QEMU cannot reach without extra block modules or a real server ({@code iscsi},
 *       {@code rbd}, {@code nvme-of}, {@code volume}): a {@code null-co} device of {@code nullSizeMiB} that
 *       reads zeroes. The server still sees a disk with the right serial and read-only flag, which is
 *       what the testbed checks; its data goes nowhere.</li>
 * </ul>
 */
final class BlockBacking {

    private BlockBacking() {}

    static ObjectNode blockdev(Plugged.Disk plugged, long nullSizeMiB) {
        VirtioBlkDisk disk = plugged.disk();
        ObjectNode args = QmpClient.args().put("node-name", plugged.nodeName()).put("read-only", disk.readOnly());
        switch (disk.protocol()) {
            case "block", "file" -> {
                Path path = Path.of(disk.target());
                ObjectNode file = QmpClient.args()
                        .put("driver", Files.isRegularFile(path) ? "file" : "host_device")
                        .put("filename", disk.target());
                args.put("driver", "raw").set("file", file);
            }
            case "nbd" -> {
                if (disk.hosts().isEmpty()) {
                    throw new IllegalArgumentException("an nbd disk needs a host");
                }
                String host = disk.hosts().get(0);
                int colon = host.lastIndexOf(':');
                ObjectNode server = QmpClient.args()
                        .put("type", "inet")
                        .put("host", colon < 0 ? host : host.substring(0, colon).replaceAll("^\\[|]$", ""))
                        .put("port", colon < 0 ? "10809" : host.substring(colon + 1));
                ObjectNode nbd = QmpClient.args().put("driver", "nbd").put("export", disk.target());
                nbd.set("server", server);
                args.put("driver", "raw").set("file", nbd);
            }
            default ->
                args.put("driver", "null-co").put("size", nullSizeMiB << 20).put("read-zeroes", true);
        }
        return args;
    }
}
