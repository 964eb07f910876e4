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
            checks.sanity(
                    own.get(0), files.serverCert().toString(), files.caCert().toString());
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            List<Certificate> chain = new ArrayList<>(own);
            char[] password = new char[0];
            store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new TrustManager[] {new LaterTrust(cas)}, null);
            context.getServerSessionContext().setSessionTimeout(NO_TICKETS_TIMEOUT);
            return new Loaded(context, checks);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsSetupException("Unable to set x509 key and certificate: " + files.serverKey() + ", "
                    + files.serverCert() + ": " + e.getClass().getSimpleName());
        }
    }

    /** A server engine for one connection: TLS 1.3 and 1.2, a client certificate requested. */
    public SSLEngine newEngine() {
        SSLEngine engine = loaded.get().context().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setWantClientAuth(true);
        engine.setEnabledProtocols(Arrays.stream(engine.getSupportedProtocols())
                .filter(p -> p.equals("TLSv1.3") || p.equals("TLSv1.2"))
                .toArray(String[]::new));
        return engine;
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
