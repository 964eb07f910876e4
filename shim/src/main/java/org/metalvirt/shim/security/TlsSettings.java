package org.metalvirt.shim.security;

import java.util.List;

/**
 * How the TLS listener checks its clients, as libvirtd.conf says it.
 *
 * @param files          the CA, CRL, certificate and key
 * @param verifyClients  a client without a valid certificate is refused ({@code tls_no_verify_certificate} off)
 * @param sanityCheck    the daemon's own certificate is checked at start ({@code tls_no_sanity_certificate} off)
 * @param allowedDns     globs over the client's DN in libvirt's format; empty allows every valid certificate
 */
public record TlsSettings(TlsFiles files, boolean verifyClients, boolean sanityCheck, List<String> allowedDns) {

    public TlsSettings {
        allowedDns = List.copyOf(allowedDns);
    }
}
