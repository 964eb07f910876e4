package org.metalvirt.shim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Ceph secret {@code domains/disk-rbd.xml}'s {@code <auth>} names, defined with its key as an
 * operator (or Nova) defines it before a disk that needs it is attached.
 */
public final class CinderSecret {

    public static final String UUID = "2a5d6a6e-0d2b-4a4b-8d6e-1c0e5b7f9a10";

    /** The key's bytes in base64, as {@code ceph auth get-key} prints a key. */
    public static final String KEY = "QVFCVGhFOWtBQUFBQUJBQW1ldGFsdmlydC10ZXN0LWtleQ==";

    private CinderSecret() {}

    /** Defines it (again, harmlessly) and sets its key, through virsh and a file, never argv. */
    public static void define(Virsh virsh, Path dir) {
        try {
            virsh.ok("secret-define", Resources.file(dir, "secrets/cinder.xml").toString());
            Path key = Files.writeString(dir.resolve("cinder.key"), KEY);
            virsh.ok("secret-set-value", UUID, "--file", key.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
