package org.metalvirt.shim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code metalvirtd sasl-user}: the password comes from stdin, only its verifiers reach the file. */
class SaslUserCommandTest {

    @TempDir
    Path dir;

    private String run(String stdin, String... args) {
        InputStream saved = System.in;
        StringWriter out = new StringWriter();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = new CommandLine(new Main())
                    .addSubcommand(new SaslUserCommand())
                    .setOut(new PrintWriter(out))
                    .execute(args);
            return exit + ":" + out.toString().strip();
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void addListRemove() throws Exception {
        Path file = dir.resolve("users");

        assertEquals("0:", run("s3cret pass\n", "sasl-user", "add", "alice", "--file", file.toString()));
        assertEquals("0:", run("other\n", "sasl-user", "add", "bob", "--file", file.toString()));
        assertEquals("0:alice\nbob", run("", "sasl-user", "list", "--file", file.toString()));
        assertFalse(Files.readString(file).contains("s3cret"), "no password in the file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        assertEquals("0:", run("", "sasl-user", "remove", "alice", "--file", file.toString()));
        assertEquals("0:bob", run("", "sasl-user", "list", "--file", file.toString()));
        assertEquals("1:", run("", "sasl-user", "remove", "alice", "--file", file.toString()));
    }

    @Test
    void theDaemonsConfigurationNamesTheFile() throws Exception {
        Path config = Files.writeString(dir.resolve("d.yaml"), "stateDir: " + dir.resolve("state") + "\n");

        assertEquals("0:", run("pw\n", "sasl-user", "add", "carol", "--config", config.toString()));
        assertEquals(
                "0:carol",
                run(
                        "",
                        "sasl-user",
                        "list",
                        "--file",
                        dir.resolve("state/sasl-users").toString()));
    }
}
