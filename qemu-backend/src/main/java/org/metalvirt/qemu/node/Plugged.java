package org.metalvirt.qemu.node;

import org.metalvirt.baremetal.smartnic.VirtioBlkProvider;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;

/**
 * A device given to the server, on its own root port. QEMU ids come from the port, never from the
 * libvirt id, so they are always valid QEMU ids and never collide.
 */
sealed interface Plugged {

    enum Kind {
        DISK("disk"),
        NIC("VF");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    int port();

    Kind kind();

    /** The SPI id (libvirt alias or MAC). */
    String id();

    /** The device's QEMU id ({@code device_add id=}). */
    default String deviceId() {
        return deviceId(kind(), port());
    }

    /** The QEMU id of a device of {@code kind} on {@code port}: what an earlier daemon plugged there is found by it. */
    static String deviceId(Kind kind, int port) {
        return (kind == Kind.DISK ? "mvdisk" : "mvnet") + port;
    }

    /**
     * A disk: the card's storage daemon exports its volume ({@code exposed}) on the vhost-user
     * socket {@code socket}, which the server's {@code vhost-user-blk-pci} device connects to.
     */
    record Disk(int port, VirtioBlkDisk disk, VirtioBlkProvider.Exposed exposed, String socket) implements Plugged {
        public Kind kind() {
            return Kind.DISK;
        }

        public String id() {
            return disk.id();
        }

        /** The chardev connecting the device to the storage daemon's export. */
        String chardevId() {
            return "mvchr" + port;
        }
    }

    record Nic(int port, VirtualFunction vf) implements Plugged {
        public Kind kind() {
            return Kind.NIC;
        }

        public String id() {
            return vf.id();
        }

        String netdevId() {
            return "mvnd" + port;
        }
    }
}
