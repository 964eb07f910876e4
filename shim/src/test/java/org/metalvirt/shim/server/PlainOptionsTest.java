package org.metalvirt.shim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The daemon's usual command line read without picocli gives what picocli gives; anything else is picocli's. */
class PlainOptionsTest {

    @Test
    void theUsualOptionsAreReadAsPicocliReadsThem() {
        String[] args = {
            "--config", "/etc/metalvirt/metalvirtd.yaml", "--listen-tcp", "", "--unix-socket=/run/m/sock",
            "--state-dir", "state", "--metrics", "127.0.0.1:0", "--log-format=json"
        };
        Main plain = new Main();
        Main picocli = new Main();
        new CommandLine(picocli).parseArgs(args);

        assertTrue(PlainOptions.fill(plain, args));

        assertEquals(fields(picocli), fields(plain));
        assertEquals(Path.of("/run/m/sock"), plain.unixSocket);
        assertEquals("", plain.listenTcp);
    }

    @Test
    void helpVersionSubcommandsAndMistakesAreLeftToPicocliWithNothingSet() {
        for (List<String> args : List.of(
                List.of("--help"),
                List.of("--version"),
                List.of("sasl-user", "list"),
                List.of("--config"),
                List.of("--config", "--metrics", "127.0.0.1:0"),
                List.of("--config", "a.yaml", "--config", "b.yaml"),
                List.of("--config", "a.yaml", "--no-such-option", "x"))) {
            Main main = new Main();

            assertFalse(PlainOptions.fill(main, args.toArray(String[]::new)), args.toString());

            assertNull(main.config, args.toString());
        }
    }

    private static List<Object> fields(Main main) {
        return java.util.Arrays.asList(
                main.listenTcp,
                main.unixSocket,
                main.listenTls,
                main.pkiDir,
                main.stateDir,
                main.runtimeDir,
                main.config,
                main.metrics,
                main.logFormat);
    }
}
