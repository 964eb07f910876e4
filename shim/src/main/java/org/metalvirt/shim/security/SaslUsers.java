package org.metalvirt.shim.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SASL users' file: one line per user,
 * {@code name:scram-sha-256:iterations:salt:storedKey:serverKey:digest-md5:realm:secret}, never a
 * password: RFC 5802's verifiers (Base64) and RFC 2831's H(name:realm:password) (hex). SCRAM-SHA-256
 * authenticates with the first directly, PLAIN by deriving the same keys from the password it is
 * given, DIGEST-MD5 with the second. The file is written whole, mode 0600.
 */
public final class SaslUsers {

    static final int ITERATIONS = 4096;
    /** The realm DIGEST-MD5 offers and its secrets are bound to. */
    static final String REALM = "metalvirt";

    private static final String SCHEME = "scram-sha-256";
    private static final String DIGEST = "digest-md5";

    /** What SCRAM keeps of a password, and DIGEST-MD5's H(name:realm:password) if known. */
    record Verifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey, byte[] digestSecret) {}

    private final Path file;
    private final Map<String, Verifier> users;

    private SaslUsers(Path file, Map<String, Verifier> users) {
        this.file = file;
        this.users = users;
    }

    /** The users in {@code file}; none when it does not exist yet. */
    public static SaslUsers read(Path file) {
        Map<String, Verifier> users = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            lines = List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SASL users " + file, e);
        }
        Base64.Decoder b64 = Base64.getDecoder();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if ((f.length != 6 && f.length != 9) || !f[1].equals(SCHEME) || (f.length == 9 && !f[6].equals(DIGEST))) {
                throw new IllegalArgumentException(file + ": not a SASL user line (name:" + SCHEME + ":...)");
            }
            byte[] digest = f.length == 9 && f[7].equals(REALM) ? HexFormat.of().parseHex(f[8]) : null;
            users.put(
                    f[0],
                    new Verifier(Integer.parseInt(f[2]), b64.decode(f[3]), b64.decode(f[4]), b64.decode(f[5]), digest));
        }
        return new SaslUsers(file, users);
    }

    public List<String> names() {
        return List.copyOf(users.keySet());
    }

    Optional<Verifier> verifier(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** Adds or replaces a user; only the verifiers derived from {@code password} are kept. */
    public void put(String name, char[] password) {
        if (name.isEmpty() || name.contains(":") || name.contains("\n")) {
            throw new IllegalArgumentException("a user name may not be empty or hold ':' or a newline");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Verifier scram = derive(password, salt, ITERATIONS);
        users.put(
                name,
                new Verifier(
                        scram.iterations(), salt, scram.storedKey(), scram.serverKey(), digestSecret(name, password)));
        write();
    }

    public boolean remove(String name) {
        boolean removed = users.remove(name) != null;
        if (removed) {
            write();
        }
        return removed;
    }

    /** RFC 5802: SaltedPassword = PBKDF2-HMAC-SHA-256, then the client's stored key and the server key. */
    static Verifier derive(char[] password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        return new Verifier(iterations, salt, sha256(hmac(salted, "Client Key")), hmac(salted, "Server Key"), null);
    }

    /**
     * RFC 2831's {H(name:realm:password)}: in ISO 8859-1 when every character fits, as the client
     * converts its UTF-8 values then, else in UTF-8.
     */
    static byte[] digestSecret(String name, char[] password) {
        String text = name + ":" + REALM + ":" + new String(password);
        boolean latin1 = text.chars().allMatch(c -> c <= 0xff);
        try {
            return MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] saltedPassword(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, 256))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write() {
        Base64.Encoder b64 = Base64.getEncoder();
        List<String> lines = new ArrayList<>();
        lines.add("# metalvirtd SASL users: name:" + SCHEME + ":iterations:salt:storedKey:serverKey:" + DIGEST
                + ":realm:secret");
        users.forEach((name, v) -> lines.add(String.join(
                        ":",
                        name,
                        SCHEME,
                        Integer.toString(v.iterations()),
                        b64.encodeToString(v.salt()),
                        b64.encodeToString(v.storedKey()),
                        b64.encodeToString(v.serverKey()))
                + (v.digestSecret() == null
                        ? ""
                        : ":" + DIGEST + ":" + REALM + ":" + HexFormat.of().formatHex(v.digestSecret()))));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(
                    dir,
                    ".sasl-users",
                    "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write SASL users " + file, e);
        }
    }
}
