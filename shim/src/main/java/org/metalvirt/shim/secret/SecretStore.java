package org.metalvirt.shim.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.io.AtomicFiles;
import org.metalvirt.io.DurableDirectory;
import org.metalvirt.shim.objects.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state directory's {@code secrets/}, as libvirt's secret driver keeps its own: {@code UUID.xml}
 * the definition, {@code UUID.base64} the value, both changed in one durable step ({@link
 * DurableDirectory}: its journal too is the daemon user's alone) and readable by that user alone
 * (mode 0600, in a 0700 directory). An ephemeral secret is never written; a secret that becomes
 * ephemeral has its files removed.
 */
final class SecretStore implements ObjectStore<SecretRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SecretStore.class);

    private final DurableDirectory files;
    private final Path dir;

    SecretStore(Path stateDir) {
        this.dir = stateDir.resolve("secrets");
        try {
            this.files = DurableDirectory.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir, e);
        }
    }

    @Override
    public void save(SecretRecord record) {
        UUID uuid = record.uuid();
        if (record.definition().ephemeral()) {
            delete(uuid);
            return;
        }
        try {
            // The value first: a definition is never on disk with a value older than it was given.
            if (record.value().isPresent()) {
                files.stage(
                        valueFile(uuid),
                        Base64.getEncoder().encode(record.value().get()));
            } else {
                files.unlink(valueFile(uuid));
            }
            files.stage(
                    definitionFile(uuid), SecretXml.format(record.definition()).getBytes(StandardCharsets.UTF_8));
            files.sync();
        } catch (IOException e) {
            throw failed("cannot save secret " + uuid, e);
        }
    }

    @Override
    public void delete(UUID uuid) {
        try {
            // The definition first: a crash in between leaves a value without a secret, which loading removes.
            boolean removed = files.unlink(definitionFile(uuid));
            if (files.unlink(valueFile(uuid)) || removed) {
                files.sync();
            }
        } catch (IOException e) {
            throw failed("cannot delete secret " + uuid, e);
        }
    }

    /** Every secret saved; files that cannot be read are logged and left for an operator. */
    List<SecretRecord> load() {
        List<SecretRecord> records = new ArrayList<>();
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            listing.forEach(found::add);
        } catch (IOException e) {
            throw failed("cannot read " + dir, e);
        }
        for (Path file : found) {
            String name = file.getFileName().toString();
            try {
                if (name.startsWith(AtomicFiles.TEMP_PREFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(".base64") && !Files.exists(sibling(file, ".xml"))) {
                    files.delete(name);
                } else if (name.endsWith(".xml")) {
                    load(file).ifPresent(records::add);
                }
            } catch (IOException | VirtException | IllegalArgumentException e) {
                LOG.error("cannot load secret from {}: {}; the file is left in place", file, e.getMessage());
            }
        }
        return records;
    }

    private Optional<SecretRecord> load(Path file) throws IOException {
        SecretDefinition definition = SecretXml.parse(Files.readString(file));
        if (!file.getFileName().toString().equals(definition.uuid() + ".xml")) {
            throw new IllegalArgumentException("<uuid> does not match secret file name '" + file + "'");
        }
        if (definition.ephemeral()) {
            return Optional.empty();
        }
        Path value = dir.resolve(valueFile(definition.uuid()));
        Optional<byte[]> bytes = Files.exists(value)
                ? Optional.of(Base64.getDecoder().decode(Files.readAllBytes(value)))
                : Optional.empty();
        return Optional.of(new SecretRecord(definition, bytes));
    }

    private static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + suffix);
    }

    private static String definitionFile(UUID uuid) {
        return uuid + ".xml";
    }

    private static String valueFile(UUID uuid) {
        return uuid + ".base64";
    }

    @Override
    public void close() {
        files.close();
    }

    private static VirtException failed(String what, IOException e) {
        return new VirtException(
                ErrorNumber.OPERATION_FAILED,
                ErrorDomain.SECRET,
                "operation failed: " + what + ": " + e.getMessage(),
                e);
    }
}
