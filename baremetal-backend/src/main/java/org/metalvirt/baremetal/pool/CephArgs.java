package org.metalvirt.baremetal.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.metalvirt.storage.PoolSource;
import org.metalvirt.storage.SecretValues;

/**
 * How {@code rbd} and {@code ceph} reach a pool's cluster: its monitors, and its user's key in a
 * keyring file of mode 0600 that lives for one command — the key is never on a command line.
 */
final class CephArgs implements AutoCloseable {

    private final List<String> argv = new ArrayList<>();
    private final Path keyring;

    CephArgs(PoolSource pool, SecretValues secrets) {
        argv.addAll(List.of("-m", String.join(",", pool.hosts())));
        if (pool.auth().isEmpty()) {
            keyring = null;
            argv.add("--auth_client_required=none");
            return;
        }
        String user = pool.auth().get().username();
        // libvirt keeps a Ceph secret as the key's bytes; Ceph writes the key as their base64.
        String key =
                Base64.getEncoder().encodeToString(secrets.value(pool.auth().get()));
        try {
            keyring = Files.createTempFile(
                    "metalvirt-keyring",
                    "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyring, "[client." + user + "]\n\tkey = " + key + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a keyring for pool " + pool.pool(), e);
        }
        argv.addAll(List.of("--id", user, "--keyring", keyring.toString()));
    }

    /** {@code program}, the cluster's arguments, then {@code rest}. */
    List<String> command(String program, String... rest) {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(argv);
        command.addAll(List.of(rest));
        return command;
    }

    @Override
    public void close() {
        if (keyring != null) {
            try {
                Files.deleteIfExists(keyring);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove keyring " + keyring, e);
            }
        }
    }
}
