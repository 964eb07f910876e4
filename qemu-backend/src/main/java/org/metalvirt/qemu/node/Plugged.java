package org.metalvirt.qemu.node;

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
    String deviceId();

    static Plugged of(Kind kind, int port, Object device) {
        return switch (kind) {
            case DISK -> new Disk(port, (VirtioBlkDisk) device);
            case NIC -> new Nic(port, (VirtualFunction) device);
        };
    }

    record Disk(int port, VirtioBlkDisk disk) implements Plugged {
        public Kind kind() {
            return Kind.DISK;
        }

        public String id() {
            return disk.id();
        }

        public String deviceId() {
            return "mvdisk" + port;
        }

        /** The blockdev node the device reads. */
        String nodeName() {
            return "mvblk" + port;
        }
    }

    record Nic(int port, VirtualFunction vf) implements Plugged {
        public Kind kind() {
            return Kind.NIC;
        }

        public String id() {
            return vf.id();
        }

        public String deviceId() {
            return "mvnet" + port;
        }

        String netdevId() {
            return "mvnd" + port;
        }
    }
}
