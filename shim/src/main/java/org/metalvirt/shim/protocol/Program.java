package org.metalvirt.shim.protocol;

/** The RPC programs a libvirt connection carries, with their wire numbers and versions. */
public enum Program {
    REMOTE(0x20008086, 1),
    QEMU(0x20008087, 1),
    LXC(0x00068000, 1),
    KEEPALIVE(0x6b656570, 1),
    /** libvirt's admin program, on the admin socket only (virt-admin). */
    ADMIN(0x06900690, 1),
    /** metalvirt's own operator calls ("mvct"), beside ADMIN on the admin socket (metalvirtctl). */
    METALVIRT(0x6d766374, 1);

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
