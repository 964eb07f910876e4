package org.metalvirt.shim.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources as text or as files for programs that want a path. */
public final class Resources {

    private Resources() {}

    public static String text(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a resource into {@code dir} and returns the file. */
    public static Path file(Path dir, String name) {
        try {
            Path file = dir.resolve(Path.of(name).getFileName().toString());
            Files.writeString(file, text(name));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code domains/web-1.xml} as domain {@code name} (a fresh UUID) with {@code device} in its devices, in {@code dir}. */
    public static Path domainWith(Path dir, String name, String device) {
        try {
            return Files.writeString(
                    dir.resolve(name + ".xml"),
                    text("domains/web-1.xml")
                            .replace("web-1", name)
                            .replaceAll("<uuid>.*</uuid>", "")
                            .replace("<devices>", "<devices>" + device));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
