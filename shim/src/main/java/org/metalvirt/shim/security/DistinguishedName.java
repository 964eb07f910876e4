package org.metalvirt.shim.security;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate's subject as libvirtd writes it (gnutls_x509_crt_get_dn): the RDNs in the order of
 * the certificate, {@code C=GB,O=Wave2 Test,CN=client1}, not RFC 4514's reversed order that Java
 * prints. {@code tls_allowed_dn_list} entries are globs ({@code *}, {@code ?}) over that string ({@link Glob}).
 */
final class DistinguishedName {

    /** Keywords gnutls uses that Java would print as an OID. */
    private static final Map<String, String> KEYWORDS = Map.of(
            "1.2.840.113549.1.9.1", "EMAIL",
            "2.5.4.5", "serialNumber",
            "2.5.4.12", "title",
            "2.5.4.42", "GN",
            "2.5.4.4", "SN");

    private DistinguishedName() {}

    static String of(X509Certificate cert) {
        String rfc = cert.getSubjectX500Principal().getName(X500Principal.RFC2253, KEYWORDS);
        try {
            // LdapName lists the RDNs rightmost first: the certificate's own order.
            List<Rdn> rdns = new LdapName(rfc).getRdns();
            return rdns.stream().map(Rdn::toString).collect(Collectors.joining(","));
        } catch (InvalidNameException e) {
            return rfc;
        }
    }
}
