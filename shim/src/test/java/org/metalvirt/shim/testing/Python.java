package org.metalvirt.shim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a python3-libvirt script from the test resources under {@code clients/} with Debian's
 * {@code /usr/bin/python3} (where python3-libvirt is installed) and parses the JSON it prints.
 */
public final class Python {

    private Python() {
    }

    public static JsonNode run(Duration timeout, String script, String... args) {
        Path file = null;
        try {
            file = Files.createTempFile("metalvirt-", "-" + script);
            try (InputStream in = Python.class.getResourceAsStream("/clients/" + script)) {
                if (in == null) {
                    throw new IllegalArgumentException("no script clients/" + script);
                }
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>(List.of("/usr/bin/python3", file.toString()));
            command.addAll(List.of(args));
            String out = Command.run(timeout, command.toArray(String[]::new)).assertSuccess().stdout();
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
