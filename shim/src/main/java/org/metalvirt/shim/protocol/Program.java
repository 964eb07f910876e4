package org.metalvirt.shim.protocol;

/** The RPC programs a libvirt connection carries, with their wire numbers and versions. */
public enum Program {
    REMOTE(0x20008086, 1),
    QEMU(0x20008087, 1),
    LXC(0x00068000, 1),
    KEEPALIVE(0x6b656570, 1);

    private final int id;
    private final int version;

    Program(int id, int version) {
        this.id = id;
        this.version = version;
    }

    public int id() {
        return id;
    }

    public int version() {
        return version;
    }
}
