package org.metalvirt.shim.security;

import java.util.List;

/**
 * How the TLS listener checks its clients, as libvirtd.conf says it.
 *
 * @param files          the CA, CRL, certificate and key
 * @param verifyClients  a client without a valid certificate is refused ({@code tls_no_verify_certificate} off)
 * @param sanityCheck    the daemon's own certificate is checked at start ({@code tls_no_sanity_certificate} off)
 * @param allowedDns     globs over the client's DN in libvirt's format; empty allows every valid certificate
 * @param protocols      JSSE protocol names offered ({@code TLSv1.3}, {@code TLSv1.2}); empty: both,
 *                       in place of libvirt's {@code tls_priority}
 * @param cipherSuites   IANA cipher suite names offered, as JSSE names them; empty: JSSE's defaults
 */
public record TlsSettings(
        TlsFiles files,
        boolean verifyClients,
        boolean sanityCheck,
        List<String> allowedDns,
        List<String> protocols,
        List<String> cipherSuites) {

    public TlsSettings {
        allowedDns = List.copyOf(allowedDns);
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** Every protocol and cipher suite JSSE enables by default, TLS 1.2 and up. */
    public TlsSettings(TlsFiles files, boolean verifyClients, boolean sanityCheck, List<String> allowedDns) {
        this(files, verifyClients, sanityCheck, allowedDns, List.of(), List.of());
    }
}
