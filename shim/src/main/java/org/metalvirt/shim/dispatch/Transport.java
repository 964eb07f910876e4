package org.metalvirt.shim.dispatch;

/** How a client reached the daemon. */
public enum Transport {
    TCP(false),
    /** TCP inside TLS: secure, as libvirt counts it. */
    TLS(true),
    UNIX(true);

    private final boolean secure;

    Transport(boolean secure) {
        this.secure = secure;
    }

    /** libvirt counts a local socket as secure and plain TCP as not. */
    public boolean secure() {
        return secure;
    }
}
