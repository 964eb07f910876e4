package org.metalvirt.node;

/** Where the server boots from next: libvirt's {@code <boot dev=…>} values a server can honour. */
public enum BootDevice {
    DISK,
    NETWORK,
    CDROM
}
