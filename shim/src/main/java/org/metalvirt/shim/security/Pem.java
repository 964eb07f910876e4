package org.metalvirt.shim.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files as libvirt's tools write them (openssl, certtool): certificates, a CRL, and a private
 * key in PKCS#8, RSA's PKCS#1 or SEC1's EC form. Errors name the file, never its content.
 */
final class Pem {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private Pem() {}

    static List<X509Certificate> certificates(Path file, String what) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(read(file, what), "CERTIFICATE")) {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("Unable to import " + what + " " + file + ": " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new TlsSetupException("Unable to import " + what + " " + file);
        }
        return certs;
    }

    /** The CRL is optional, as libvirt's: a missing file means none. */
    static Optional<X509CRL> crl(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            List<byte[]> blocks = blocks(read(file, "certificate revocation list"), "X509 CRL");
            if (blocks.size() != 1) {
                throw new TlsSetupException("Unable to set x509 certificate revocation list: " + file);
            }
            return Optional.of((X509CRL)
                    CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(blocks.get(0))));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("Unable to set x509 certificate revocation list: " + file);
        }
    }

    /**
     * The key in PKCS#8 ({@code PRIVATE KEY}), RSA's PKCS#1 ({@code RSA PRIVATE KEY}, certtool's
     * default) or SEC1 ({@code EC PRIVATE KEY}); text around the block, as certtool writes, is skipped.
     */
    static PrivateKey privateKey(Path file, String algorithm) {
        String text = read(file, "private key");
        byte[] der;
        try {
            der = first(text, "PRIVATE KEY")
                    .or(() -> first(text, "RSA PRIVATE KEY").map(DerKeys::rsaToPkcs8))
                    .or(() -> first(text, "EC PRIVATE KEY").map(DerKeys::ecToPkcs8))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException("Unable to read private key " + file + ": " + e.getMessage());
        }
        if (der == null) {
            throw new TlsSetupException("Unable to read private key " + file
                    + ": expected PEM 'PRIVATE KEY' (PKCS#8), 'RSA PRIVATE KEY' or 'EC PRIVATE KEY', unencrypted");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("Unable to read private key " + file + " as " + algorithm);
        }
    }

    private static Optional<byte[]> first(String text, String label) {
        return blocks(text, label).stream().findFirst();
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("Cannot read " + what + " '" + file + "': No such file or directory");
        } catch (IOException e) {
            throw new TlsSetupException("Cannot read " + what + " '" + file + "': " + e.getMessage());
        }
    }

    private static List<byte[]> blocks(String text, String label) {
        List<byte[]> found = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(label)) {
                found.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return found;
    }
}
