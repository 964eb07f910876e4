package org.metalvirt.shim.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The YAML's authentication keys, libvirtd.conf's under camel-case names: what each listener
 * asks of its clients ({@code auth}), the TLS files and checks ({@code tls}), and the SASL users
 * ({@code sasl}).
 */
public final class SecurityConfig {

    /** {@code none} or {@code sasl} per listener, as libvirtd's {@code auth_tcp}, {@code auth_tls}, .... */
    public static final class Auth {
        public String tcp = "none";
        /** {@code none} (or {@code tls}): the client certificate alone. */
        public String tls = "none";

        public String unixRw = "none";
        public String unixRo = "none";
        /** Without it, a TCP listener off the loopback without authentication stops the daemon. */
        public boolean allowUnauthenticatedRemote;
    }

    /** libvirtd's {@code key_file}, {@code cert_file}, {@code ca_file}, {@code crl_file}, .... */
    public static final class Tls {
        /** A directory holding cacert.pem, cacrl.pem, servercert.pem and serverkey.pem. */
        public String pkiDir;

        public String caFile;
        public String crlFile;
        public String certFile;
        public String keyFile;
        /** {@code tls_no_verify_certificate} inverted: false lets clients without a valid certificate in. */
        public boolean verifyClientCertificate = true;
        /** {@code tls_no_sanity_certificate} inverted. */
        public boolean sanityCheckCertificate = true;
        /** {@code tls_allowed_dn_list}: globs over the client DN, in the certificate's order. */
        public List<String> allowedDnList = new ArrayList<>();
        /**
         * In place of {@code tls_priority}: JSSE protocol names ({@code TLSv1.3}, {@code TLSv1.2});
         * empty offers both.
         */
        public List<String> protocols = new ArrayList<>();
        /** IANA cipher suite names ({@code TLS_AES_256_GCM_SHA384}, ...); empty keeps JSSE's defaults. */
        public List<String> cipherSuites = new ArrayList<>();
    }

    /** SASL's users: a file of hashed secrets, kept with {@code metalvirtd sasl-user}. */
    public static final class Sasl {
        /** Default: {@code sasl-users} in the state directory. */
        public String credentialsFile;
        /** {@code sasl_allowed_username_list}: globs; empty allows every user in the file. */
        public List<String> allowedUsernameList = new ArrayList<>();
    }
}
