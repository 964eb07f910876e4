package org.metalvirt.shim.security;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's certificate rules (virnettlscontext.c), for the daemon's own certificate at start and
 * for a client's after the handshake: validity dates, basic constraints, key usage (a missing bit is
 * an error only when the extension is critical), key purpose, the chain to the CA and the CRL.
 * Each failure is described with libvirt's wording.
 */
final class CertificateChecks {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateChecks.class);
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_CERT_SIGN = 5;

    private final List<X509Certificate> cas;
    private final Optional<X509CRL> crl;

    CertificateChecks(List<X509Certificate> cas, Optional<X509CRL> crl) {
        this.cas = cas;
        this.crl = crl;
        crl.ifPresent(this::checkCrlSignature);
    }

    /**
     * The daemon's own certificate and the CAs, as libvirtd checks them before it listens; {@code
     * own} is the certificate file's chain, the daemon's certificate first.
     */
    void sanity(List<X509Certificate> chain, String ownFile, String caFile) {
        X509Certificate own = chain.get(0);
        for (X509Certificate ca : cas) {
            times(ca, caFile, "CA");
            constraints(ca, caFile, true, false);
            usage(ca, caFile, true);
        }
        times(own, ownFile, "server");
        constraints(own, ownFile, false, true);
        usage(own, ownFile, false);
        purpose(own, ownFile, true);
        chain(chain).ifPresent(reason -> {
            throw new TlsSetupException(
                    "Our own certificate " + ownFile + " failed validation against " + caFile + ": " + reason);
        });
    }

    /** What is wrong with a client's certificate chain, as libvirtd logs it; empty when it is accepted. */
    Optional<String> client(List<X509Certificate> peer) {
        if (peer.isEmpty()) {
            return Optional.of("Unable to verify TLS peer: No certificate was found.");
        }
        Optional<String> invalid = chain(peer).map(reason -> "Certificate failed validation: " + reason);
        if (invalid.isPresent()) {
            return invalid;
        }
        try {
            for (int i = 0; i < peer.size(); i++) {
                times(peer.get(i), "[session]", i > 0 ? "CA" : "client");
            }
            constraints(peer.get(0), "[session]", false, false);
            usage(peer.get(0), "[session]", false);
            purpose(peer.get(0), "[session]", false);
        } catch (TlsSetupException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * gnutls_certificate_verify_peers2's verdict on the chain: issuer, signature, dates, CRL. Every
     * certificate of the CA file is trusted, root or intermediate, as GnuTLS's trust list; the peer
     * may also send the intermediates after its certificate. The chain is tried as sent, cut after
     * each certificate, so that one ending at any trusted CA passes; the reason given is the one of
     * the longest chain that had a known issuer.
     */
    private Optional<String> chain(List<X509Certificate> sent) {
        Optional<String> reason = Optional.empty();
        for (int length = 1; length <= sent.size(); length++) {
            List<X509Certificate> path = sent.subList(0, length);
            Optional<String> problem = validate(path);
            if (problem.isEmpty()) {
                return revoked(path);
            }
            if (reason.isEmpty() || !problem.get().equals(UNKNOWN_ISSUER)) {
                reason = problem;
            }
        }
        return reason;
    }

    private static final String UNKNOWN_ISSUER = "The certificate hasn't got a known issuer.";

    private Optional<String> validate(List<X509Certificate> path) {
        try {
            Set<TrustAnchor> anchors =
                    cas.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet());
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
                return Optional.of(UNKNOWN_ISSUER);
            }
            return Optional.of(
                    e.getReason() == BasicReason.REVOKED
                            ? "The certificate has been revoked."
                            : e.getReason() == BasicReason.ALGORITHM_CONSTRAINED
                                    ? "The certificate uses an insecure algorithm"
                                    : "The certificate is not trusted.");
        } catch (GeneralSecurityException e) {
            return Optional.of("Invalid certificate");
        }
        return Optional.empty();
    }

    /** The CRL names certificates its CA signed, leaf or intermediate. */
    private Optional<String> revoked(List<X509Certificate> path) {
        if (crl.isPresent()
                && path.stream()
                        .filter(cert ->
                                cert.getIssuerX500Principal().equals(crl.get().getIssuerX500Principal()))
                        .anyMatch(crl.get()::isRevoked)) {
            return Optional.of("The certificate has been revoked.");
        }
        return Optional.empty();
    }

    private void checkCrlSignature(X509CRL list) {
        for (X509Certificate ca : cas) {
            if (ca.getSubjectX500Principal().equals(list.getIssuerX500Principal())) {
                try {
                    list.verify(ca.getPublicKey());
                    return;
                } catch (GeneralSecurityException e) {
                    break;
                }
            }
        }
        throw new TlsSetupException("Unable to set x509 certificate revocation list: it is not signed by the CA");
    }

    private static void times(X509Certificate cert, String file, String role) {
        Date now = new Date();
        if (cert.getNotAfter().before(now)) {
            throw new TlsSetupException("The " + role + " certificate " + file + " has expired");
        }
        if (cert.getNotBefore().after(now)) {
            throw new TlsSetupException("The " + role + " certificate " + file + " is not yet active");
        }
    }

    private static void constraints(X509Certificate cert, String file, boolean ca, boolean server) {
        boolean present = cert.getExtensionValue(BASIC_CONSTRAINTS) != null;
        boolean isCa = cert.getBasicConstraints() >= 0;
        if (ca && !present) {
            throw new TlsSetupException("The certificate " + file + " is missing basic constraints for a CA");
        }
        if (ca && !isCa) {
            throw new TlsSetupException("The certificate " + file + " basic constraints do not show a CA");
        }
        if (!ca && isCa) {
            throw new TlsSetupException("The certificate " + file
                    + " basic constraints show a CA, but we need one for a " + (server ? "server" : "client"));
        }
    }

    private static void usage(X509Certificate cert, String file, boolean ca) {
        boolean[] bits = cert.getKeyUsage();
        if (bits == null) {
            return;
        }
        boolean critical = critical(cert, KEY_USAGE);
        if (ca) {
            need(bits, KEY_CERT_SIGN, critical, "Certificate " + file + " usage does not permit certificate signing");
        } else {
            need(bits, DIGITAL_SIGNATURE, critical, "Certificate " + file + " usage does not permit digital signature");
            need(bits, KEY_ENCIPHERMENT, critical, "Certificate " + file + " usage does not permit key encipherment");
        }
    }

    private static void need(boolean[] bits, int bit, boolean critical, String message) {
        if (bit < bits.length && bits[bit]) {
            return;
        }
        if (critical) {
            throw new TlsSetupException(message);
        }
        LOG.warn("{}", message);
    }

    private static void purpose(X509Certificate cert, String file, boolean server) {
        List<String> purposes;
        try {
            purposes = cert.getExtendedKeyUsage();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new TlsSetupException("Unable to query certificate " + file + " key purpose");
        }
        if (purposes == null || purposes.contains(server ? SERVER_AUTH : CLIENT_AUTH)) {
            return;
        }
        boolean known = purposes.stream().allMatch(p -> p.equals(SERVER_AUTH) || p.equals(CLIENT_AUTH));
        if (!known) {
            return;
        }
        String message =
                "Certificate " + file + " purpose does not allow use for with a TLS " + (server ? "server" : "client");
        if (critical(cert, EXTENDED_KEY_USAGE)) {
            throw new TlsSetupException(message);
        }
        LOG.warn("{}", message);
    }

    private static boolean critical(X509Certificate cert, String oid) {
        Set<String> critical = cert.getCriticalExtensionOIDs();
        return critical != null && critical.contains(oid);
    }
}
