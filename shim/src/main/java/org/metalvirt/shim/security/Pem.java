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
 * key in PKCS#8 or RSA's PKCS#1 form. Errors name the file, never its content.
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

    static PrivateKey privateKey(Path file, String algorithm) {
        String text = read(file, "private key");
        List<byte[]> pkcs8 = blocks(text, "PRIVATE KEY");
        List<byte[]> rsa = blocks(text, "RSA PRIVATE KEY");
        byte[] der = !pkcs8.isEmpty() ? pkcs8.get(0) : !rsa.isEmpty() ? rsaToPkcs8(rsa.get(0)) : null;
        if (der == null) {
            throw new TlsSetupException("Unable to read private key " + file
                    + ": expected PEM 'PRIVATE KEY' (PKCS#8) or 'RSA PRIVATE KEY'");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("Unable to read private key " + file + " as " + algorithm);
        }
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

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo: version 0, rsaEncryption, the key as an OCTET STRING. */
    private static byte[] rsaToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return tlv(0x30, body);
    }

    private static byte[] tlv(int tag, byte[] value) {
        int n = value.length;
        byte[] length = n < 0x80
                ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n} : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(value, 0, out, 1 + length.length, n);
        return out;
    }
}
