package org.metalvirt.shim.security;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS listener's credentials as libvirtd uses them: the certificate is requested, not required,
 * in the handshake, and the client's chain is judged afterwards ({@link #check}), so that a refused
 * client sees what libvirtd's see (the connection closed before the confirmation byte). {@link
 * #reload} reads the files again for new connections (SIGHUP, and the admin call later).
 *
 * <p>JSSE would send TLS 1.3 session tickets before the confirmation byte, which libvirt's client
 * cannot read past: tickets are off (a session timeout above 7 days makes JSSE skip them in 1.3, and
 * {@code jdk.tls.server.enableSessionTicketExtension=false} keeps 1.2 on session ids).
 */
public final class ServerTls {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    static final String TICKET_PROPERTY = "jdk.tls.server.enableSessionTicketExtension";
    private static final int NO_TICKETS_TIMEOUT = 604801;
    /** libvirt reads at most 16 CA certificates. */
    private static final int MAX_CHAIN = 16;

    private static final List<String> ALLOWED = List.of("TLSv1.3", "TLSv1.2");

    static {
        disableSessionTickets();
    }

    private final TlsSettings settings;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    private record Loaded(SSLContext context, CertificateChecks checks) {}

    private ServerTls(TlsSettings settings) {
        this.settings = settings;
    }

    /** Must run before JSSE's first use in this JVM; {@code metalvirtd}'s main calls it first thing. */
    public static void disableSessionTickets() {
        if (System.getProperty(TICKET_PROPERTY) == null) {
            System.setProperty(TICKET_PROPERTY, "false");
        }
    }

    /** Loads and checks the files; a problem stops the daemon before it listens, as libvirtd's. */
    public static ServerTls load(TlsSettings settings) {
        ServerTls tls = new ServerTls(settings);
        tls.loaded.set(tls.read());
        return tls;
    }

    /** Reads the files again; new connections use them, and on failure the old ones stay. */
    public void reload() {
        loaded.set(read());
        LOG.info("TLS credentials reloaded from {}", settings.files().serverCert());
    }

    private Loaded read() {
        TlsFiles files = settings.files();
        List<X509Certificate> cas = Pem.certificates(files.caCert(), "CA certificate");
        List<X509Certificate> own = Pem.certificates(files.serverCert(), "server certificate");
        PrivateKey key =
                Pem.privateKey(files.serverKey(), own.get(0).getPublicKey().getAlgorithm());
        CertificateChecks checks = new CertificateChecks(cas, Pem.crl(files.caCrl()));
        if (settings.sanityCheck()) {
            checks.sanity(own, files.serverCert().toString(), files.caCert().toString());
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            List<Certificate> chain = new ArrayList<>(completed(own, cas));
            char[] password = new char[0];
            store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new TrustManager[] {new LaterTrust(cas)}, null);
            context.getServerSessionContext().setSessionTimeout(NO_TICKETS_TIMEOUT);
            checkChoices(context);
            return new Loaded(context, checks);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsSetupException("Unable to set x509 key and certificate: " + files.serverKey() + ", "
                    + files.serverCert() + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * The chain the daemon sends: its certificate file's, followed by the intermediates of the CA
     * file it leads to, so that a client trusting only the root can verify it. Self-signed roots
     * are left out, as the client must already have them.
     */
    static List<X509Certificate> completed(List<X509Certificate> own, List<X509Certificate> cas) {
        List<X509Certificate> chain = new ArrayList<>(own);
        X509Certificate last = chain.get(chain.size() - 1);
        while (chain.size() < MAX_CHAIN) {
            X509Certificate tail = last;
            Optional<X509Certificate> issuer = cas.stream()
                    .filter(ca -> !chain.contains(ca))
                    .filter(ca -> ca.getSubjectX500Principal().equals(tail.getIssuerX500Principal()))
                    .filter(ca -> !ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal()))
                    .findFirst();
            if (issuer.isEmpty()) {
                break;
            }
            chain.add(issuer.get());
            last = issuer.get();
        }
        return chain;
    }

    /**
     * A server engine for one connection: a client certificate requested, the configured protocols
     * (TLS 1.3 and 1.2 by default) and cipher suites.
     */
    public SSLEngine newEngine() {
        SSLEngine engine = loaded.get().context().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setWantClientAuth(true);
        engine.setEnabledProtocols(protocols(engine).toArray(String[]::new));
        if (!settings.cipherSuites().isEmpty()) {
            engine.setEnabledCipherSuites(settings.cipherSuites().toArray(String[]::new));
        }
        return engine;
    }

    private List<String> protocols(SSLEngine engine) {
        return settings.protocols().isEmpty()
                ? Arrays.stream(engine.getSupportedProtocols())
                        .filter(ALLOWED::contains)
                        .toList()
                : settings.protocols();
    }

    /**
     * Refuses names JSSE does not know, older protocols, and a set of suites no enabled protocol can
     * use: a typo must stop the daemon, not leave every client refused at its handshake.
     */
    private void checkChoices(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        for (String protocol : settings.protocols()) {
            if (!ALLOWED.contains(protocol)) {
                throw new TlsSetupException(
                        "tls.protocols: unknown or refused protocol '" + protocol + "' (use TLSv1.3, TLSv1.2)");
            }
        }
        List<String> supported = Arrays.asList(engine.getSupportedCipherSuites());
        for (String suite : settings.cipherSuites()) {
            if (!supported.contains(suite)) {
                throw new TlsSetupException("tls.cipherSuites: unknown cipher suite '" + suite + "'");
            }
        }
        if (settings.cipherSuites().isEmpty()) {
            return;
        }
        List<String> protocols = protocols(engine);
        boolean usable = settings.cipherSuites().stream()
                .anyMatch(suite -> suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                        ? protocols.contains("TLSv1.3")
                        : protocols.contains("TLSv1.2"));
        if (!usable) {
            throw new TlsSetupException("tls.cipherSuites: none of them works with " + protocols);
        }
    }

    /** The client's identity once its certificate passed, or why it did not. */
    public sealed interface Verdict {
        record Accepted(Optional<String> dn) implements Verdict {}

        record Refused(String reason) implements Verdict {}
    }

    /**
     * libvirtd's check after the handshake: chain, CRL, dates, usage, then the DN list. With
     * verification off a failure is only logged and the client accepted.
     */
    public Verdict check(SSLSession session) {
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate cert : session.getPeerCertificates()) {
                peer.add((X509Certificate) cert);
            }
        } catch (SSLPeerUnverifiedException none) {
            // No certificate: the checks say so.
        }
        Optional<String> dn = peer.isEmpty() ? Optional.empty() : Optional.of(DistinguishedName.of(peer.get(0)));
        Optional<String> problem = loaded.get().checks().client(peer);
        if (problem.isEmpty()
                && dn.isPresent()
                && !settings.allowedDns().isEmpty()
                && settings.allowedDns().stream().noneMatch(glob -> Glob.matches(glob, dn.get()))) {
            LOG.debug("Failed ACL check for client DN '{}'", dn.get());
            problem = Optional.of(
                    "Client's Distinguished Name is not on the list of allowed clients" + " (tls_allowed_dn_list).");
        }
        if (problem.isEmpty()) {
            return new Verdict.Accepted(dn);
        }
        if (settings.verifyClients()) {
            return new Verdict.Refused(problem.get());
        }
        LOG.info("Ignoring bad certificate at user request: {}", problem.get());
        return new Verdict.Accepted(dn);
    }
}
