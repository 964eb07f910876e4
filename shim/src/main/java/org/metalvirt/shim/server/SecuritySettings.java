package org.metalvirt.shim.server;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.metalvirt.shim.dispatch.ListenerAuth;
import org.metalvirt.shim.security.SaslSettings;
import org.metalvirt.shim.security.TlsFiles;
import org.metalvirt.shim.security.TlsSettings;

/**
 * What each listener asks of its clients, once the configuration and command line are merged.
 *
 * @param tls       where the TLS listener is, if there is one
 * @param tlsFiles  its credentials and checks (present with {@code tls})
 * @param unixGroup the group given the read-write socket (mode 0770 instead of 0700)
 */
public record SecuritySettings(
        Optional<InetSocketAddress> tls,
        Optional<TlsSettings> tlsFiles,
        ListenerAuth tcpAuth,
        ListenerAuth tlsAuth,
        ListenerAuth unixRwAuth,
        ListenerAuth unixRoAuth,
        Optional<String> unixGroup,
        SaslSettings sasl) {

    /** Loopback TCP without authentication, no TLS: the embedded default. */
    public static SecuritySettings defaults(Path stateDir) {
        return resolve(new DaemonConfig(), null, null, Optional.empty(), stateDir);
    }

    static SecuritySettings resolve(
            DaemonConfig config, String listenTls, Path pkiDir, Optional<InetSocketAddress> tcp, Path stateDir) {
        SecurityConfig.Auth auth = config.auth;
        ListenerAuth tcpAuth = parse("auth.tcp", auth.tcp, false);
        ListenerAuth tlsAuth = parse("auth.tls", auth.tls, true);
        Optional<InetSocketAddress> tls = DaemonSettings.parseTcp(listenTls != null ? listenTls : config.listen.tls);
        Optional<TlsSettings> tlsSettings = tls.map(address -> tlsSettings(config.tls, pkiDir));
        if (!auth.allowUnauthenticatedRemote) {
            tcp.filter(address -> tcpAuth == ListenerAuth.NONE
                            && !address.getAddress().isLoopbackAddress())
                    .ifPresent(address -> refuse("auth.tcp", address));
            tls.filter(address -> tlsAuth == ListenerAuth.NONE
                            && !config.tls.verifyClientCertificate
                            && !address.getAddress().isLoopbackAddress())
                    .ifPresent(address -> refuse("auth.tls (with verifyClientCertificate: false)", address));
        }
        Path credentials = config.sasl.credentialsFile != null
                ? Path.of(config.sasl.credentialsFile)
                : stateDir.resolve("sasl-users");
        return new SecuritySettings(
                tls,
                tlsSettings,
                tcpAuth,
                tlsAuth,
                parse("auth.unixRw", auth.unixRw, false),
                parse("auth.unixRo", auth.unixRo, false),
                Optional.ofNullable(config.listen.unixGroup),
                new SaslSettings(credentials, config.sasl.allowedUsernameList));
    }

    private static void refuse(String key, InetSocketAddress address) {
        throw new ConfigException(key + " is none on " + address.getAddress().getHostAddress() + ":"
                + address.getPort() + ", which other hosts can reach: any of them could manage the servers."
                + " Use sasl (or TLS), listen on the loopback, or set auth.allowUnauthenticatedRemote: true");
    }

    private static ListenerAuth parse(String key, String value, boolean tlsListener) {
        try {
            return ListenerAuth.parse(value == null ? "none" : value, tlsListener);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    /**
     * libvirt's lookup: {@code --pki-dir} or {@code tls.pkiDir} holding the four names, else the
     * default layout ({@code $HOME/.pki/libvirt} first when not root); each file key overrides its
     * file, and CA, certificate and key are given together or not at all.
     */
    private static TlsSettings tlsSettings(SecurityConfig.Tls tls, Path pkiDir) {
        Path dir = pkiDir != null ? pkiDir : tls.pkiDir != null ? Path.of(tls.pkiDir) : null;
        TlsFiles base = dir != null ? TlsFiles.in(dir) : defaultFiles();
        int given = (tls.caFile != null ? 1 : 0) + (tls.certFile != null ? 1 : 0) + (tls.keyFile != null ? 1 : 0);
        if (given != 0 && given != 3) {
            throw new ConfigException("tls: caFile, certFile and keyFile must be given together");
        }
        TlsFiles files = new TlsFiles(
                tls.caFile != null ? Path.of(tls.caFile) : base.caCert(),
                tls.crlFile != null ? Path.of(tls.crlFile) : base.caCrl(),
                tls.certFile != null ? Path.of(tls.certFile) : base.serverCert(),
                tls.keyFile != null ? Path.of(tls.keyFile) : base.serverKey());
        return new TlsSettings(
                files,
                tls.verifyClientCertificate,
                tls.sanityCheckCertificate,
                tls.allowedDnList,
                tls.protocols,
                tls.cipherSuites);
    }

    private static TlsFiles defaultFiles() {
        if (!"root".equals(System.getProperty("user.name"))) {
            Path home = Path.of(System.getProperty("user.home"), ".pki", "libvirt");
            if (Files.isDirectory(home)) {
                return TlsFiles.in(home);
            }
        }
        return TlsFiles.DEFAULT;
    }
}
