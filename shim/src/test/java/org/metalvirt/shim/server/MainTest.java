package org.metalvirt.shim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.remote.MetalvirtVersion;
import picocli.CommandLine;

class MainTest {

    @Test
    void versionPrintsMetalvirtsVersion() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("--version");

        assertEquals(0, exit);
        assertEquals("metalvirtd " + MetalvirtVersion.text(), out.toString().strip());
    }

    @Test
    void helpListsEveryOption() {
        StringWriter out = new StringWriter();
        new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("--help");

        for (String option : new String[] {
            "--listen-tcp",
            "--listen-tls",
            "--pki-dir",
            "--unix-socket",
            "--state-dir",
            "--config",
            "--metrics",
            "--log-format",
            "--version"
        }) {
            assertTrue(out.toString().contains(option), option);
        }
    }

    @Test
    void aBadConfigurationFileStopsTheDaemonBeforeItListens(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "nodes: []\n");

        int exit = new CommandLine(new Main()).execute("--config", config.toString());

        assertEquals(2, exit);
    }

    @Test
    void missingTlsFilesStopTheDaemonBeforeItListens(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = new CommandLine(new Main())
                    .setErr(new PrintWriter(err))
                    .execute(
                            "--listen-tcp", "",
                            "--listen-tls", "127.0.0.1:0",
                            "--pki-dir", dir.toString(),
                            "--unix-socket", dir.resolve("sock").toString(),
                            "--state-dir", dir.resolve("state").toString());
        } finally {
            System.setErr(saved);
        }

        assertEquals(2, exit);
        assertTrue(
                captured.toString(java.nio.charset.StandardCharsets.UTF_8)
                        .contains("Cannot read CA certificate '" + dir.resolve("cacert.pem") + "'"),
                captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(Files.notExists(dir.resolve("sock")));
    }
}
