package org.metalvirt.shim.security;

import java.nio.file.Path;

/**
 * Where the daemon's TLS material is, under libvirt's file names: the CA certificates, the CA's
 * revocation list (optional), the daemon's certificate and its key.
 */
public record TlsFiles(Path caCert, Path caCrl, Path serverCert, Path serverKey) {

    /** libvirt's default layout for a daemon run as root. */
    public static final TlsFiles DEFAULT = new TlsFiles(
            Path.of("/etc/pki/CA/cacert.pem"),
            Path.of("/etc/pki/CA/cacrl.pem"),
            Path.of("/etc/pki/libvirt/servercert.pem"),
            Path.of("/etc/pki/libvirt/private/serverkey.pem"));

    /** One directory holding the four files, as a client's {@code pkipath}. */
    public static TlsFiles in(Path pkiDir) {
        return new TlsFiles(
                pkiDir.resolve("cacert.pem"),
                pkiDir.resolve("cacrl.pem"),
                pkiDir.resolve("servercert.pem"),
                pkiDir.resolve("serverkey.pem"));
    }
}
