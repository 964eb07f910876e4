package org.metalvirt.shim.security;

/** The daemon's TLS material cannot be used: the message says which file and why, as libvirtd's would. */
public final class TlsSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsSetupException(String message) {
        super(message);
    }
}
