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
 * The scripts' shared modules are copied beside it.
 */
public final class Python {

    private Python() {}

    /** Modules the scripts import. */
    private static final List<String> MODULES = List.of("eventloop.py", "nova_harness.py");

    public static JsonNode run(Duration timeout, String script, String... args) {
        return run(timeout, java.util.Map.of(), script, args);
    }

    /** With {@code env} added to the script's environment. */
    public static JsonNode run(Duration timeout, java.util.Map<String, String> env, String script, String... args) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("metalvirt-py");
            for (String name : concat(script, MODULES)) {
                try (InputStream in = Python.class.getResourceAsStream("/clients/" + name)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no script clients/" + name);
                    }
                    Files.copy(in, dir.resolve(name));
                }
            }
            List<String> command = new ArrayList<>(
                    List.of("/usr/bin/python3", dir.resolve(script).toString()));
            command.addAll(List.of(args));
            String out = Command.run(timeout, env, command.toArray(String[]::new))
                    .assertSuccess()
                    .stdout();
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                for (java.io.File file : dir.toFile().listFiles()) {
                    file.delete();
                }
                dir.toFile().delete();
            }
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
