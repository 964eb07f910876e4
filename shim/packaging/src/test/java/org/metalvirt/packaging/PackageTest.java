package org.metalvirt.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Virsh;

/**
 * The Debian package {@code mvn package} made, as dpkg and systemd see it, and the daemon run
 * from its unpacked files, with its shipped configuration, answering a real virsh and the
 * packaged metalvirtctl.
 */
class PackageTest {

    private static Path deb;

    @BeforeAll
    static void findThePackage() throws IOException {
        deb = built("metalvirt_.*_all\\.deb");
    }

    /** What {@code mvn package} left in target/, by the pattern of its name. */
    private static Path built(String name) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(path -> path.getFileName().toString().matches(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("nothing named " + name + " in target/"));
        }
    }

    @Test
    void itsControlNamesJava17AndTheConffiles() {
        String info = dpkgDeb("-I", deb.toString());
        assertTrue(info.contains("Package: metalvirt\n"), info);
        assertTrue(info.contains("Architecture: all\n"), info);
        assertTrue(info.contains("Depends: openjdk-17-jre-headless | java17-runtime-headless, iproute2\n"), info);
        String conffiles = dpkgDeb("-I", deb.toString(), "conffiles");
        assertEquals(
                List.of("/etc/default/metalvirtd", "/etc/metalvirt/logback.xml", "/etc/metalvirt/metalvirtd.yaml"),
                conffiles.lines().map(String::strip).sorted().toList());
    }

    @Test
    void itsFilesAreRootsWithTheirModes() {
        List<String> files = dpkgDeb("-c", deb.toString()).lines().toList();
        assertFile(files, "-rwxr-xr-x", "./usr/bin/metalvirtd");
        assertFile(files, "-rw-r--r--", "./usr/share/metalvirt/metalvirtd.jar");
        assertFile(files, "-rw-r--r--", "./lib/systemd/system/metalvirtd.service");
        assertFile(files, "-rw-r--r--", "./etc/metalvirt/metalvirtd.yaml");
        assertFile(files, "-rw-r--r--", "./etc/metalvirt/logback.xml");
        assertFile(files, "-rw-r--r--", "./usr/share/metalvirt/logback.xml");
        assertFile(files, "-rw-r--r--", "./etc/default/metalvirtd");
        assertFile(files, "-rw-r--r--", "./usr/share/man/man8/metalvirtd.8.gz");
        assertFile(files, "-rw-r--r--", "./usr/share/bash-completion/completions/metalvirtd");
        assertFile(files, "-rwxr-xr-x", "./usr/bin/metalvirtctl");
        assertFile(files, "-rw-r--r--", "./usr/share/metalvirt/metalvirtctl.jar");
        assertFile(files, "-rw-r--r--", "./usr/share/bash-completion/completions/metalvirtctl");
        for (String command : List.of("", "-status", "-nodes", "-nodes-list", "-nodes-check", "-config-check")) {
            assertFile(files, "-rw-r--r--", "./usr/share/man/man1/metalvirtctl" + command + ".1.gz");
        }
    }

    @Test
    void systemdFindsNothingWrongWithTheUnit(@TempDir Path root) {
        dpkgDeb("-x", deb.toString(), root.toString());
        // Verified inside the unpacked tree: ExecStart is the package's launcher, executable.
        Command.Result verify = Command.run(
                Duration.ofSeconds(60),
                "systemd-analyze",
                "verify",
                "--root=" + root,
                "--man=no",
                "--recursive-errors=no",
                "metalvirtd.service");
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());
        assertEquals("", verify.stderr().strip(), "warnings");
    }

    @Test
    void theManPageAndTheCompletionAreReadable(@TempDir Path root) {
        dpkgDeb("-x", deb.toString(), root.toString());
        Command.Result man = man(root.resolve("usr/share/man/man8/metalvirtd.8.gz"));
        assertEquals(0, man.exitCode(), man.stderr());
        assertTrue(man.stdout().contains("--metrics"), man.stdout());
        Command.Result completion = complete(root, "metalvirtd", "metalvirtd --log-format ''", 2, "_metalvirtd");
        assertEquals("text json", completion.assertSuccess().stdout().strip());
    }

    @Test
    void metalvirtctlsManPagesAreTroffAndItsCompletionKnowsItsCommands(@TempDir Path root) {
        dpkgDeb("-x", deb.toString(), root.toString());
        Path pages = root.resolve("usr/share/man/man1");
        Command.Result top = man(pages.resolve("metalvirtctl.1.gz"));
        assertEquals(0, top.exitCode(), top.stderr());
        assertEquals("", top.stderr(), "groff's warnings");
        assertTrue(top.stdout().startsWith("METALVIRTCTL(1)"), top.stdout());
        assertTrue(top.stdout().contains("metalvirtctl-nodes(1)"), top.stdout());
        Command.Result check = man(pages.resolve("metalvirtctl-nodes-check.1.gz"));
        assertEquals(0, check.exitCode(), check.stderr());
        assertTrue(
                check.stdout().contains("metalvirtctl nodes check [-hV] [--json] [--socket=PATH] NODE"),
                check.stdout());
        assertTrue(check.stdout().contains("EXIT STATUS"), check.stdout());
        Command.Result completion =
                complete(root, "metalvirtctl", "metalvirtctl nodes ''", 2, "_complete_metalvirtctl");
        assertEquals(
                "list show check power", completion.assertSuccess().stdout().strip());
    }

    @Test
    void theUnpackedDaemonRunsWithItsShippedConfigurationAndAnswersVirsh(@TempDir Path dir) throws Exception {
        Path root = unpack(dir);
        Path socket = dir.resolve("run/metalvirt-sock");
        // As systemd starts it: the journal's stream on stderr.
        Process daemon = start(root, dir, Map.of("JOURNAL_STREAM", "8:4242"), "--metrics", "127.0.0.1:0");
        try {
            await("the daemon's socket")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> Files.exists(socket) || !daemon.isAlive());
            String log = Files.readString(dir.resolve("daemon.log"));
            assertTrue(daemon.isAlive(), log);
            Virsh virsh = new Virsh("qemu+unix:///system?socket=" + socket);
            assertTrue(virsh.ok("nodeinfo").contains("CPU model:"));
            assertEquals("", virsh.ok("list", "--all", "--name"));
            // The journal's line, as the packaged logback.xml says: no timestamp (the journal adds it), level first.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(dir.resolve("daemon.log"))
                            .lines()
                            .anyMatch(line ->
                                    line.startsWith("INFO  [main] Daemon: metalvirtd listening on unix " + socket)));
            // The jar carries the Prometheus client: the endpoint counts the call virsh made.
            Matcher metrics = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)")
                    .matcher(Files.readString(dir.resolve("daemon.log")));
            assertTrue(metrics.find(), Files.readString(dir.resolve("daemon.log")));
            String page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(metrics.group(1))).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(
                    page.contains(
                            "metalvirt_calls_total{procedure=\"NODE_GET_INFO\",program=\"remote\",result=\"ok\"} 1.0"),
                    page);
            // The packaged metalvirtctl, from the unpacked tree, on the daemon's admin socket.
            Path admin = dir.resolve("run/metalvirt-sock-admin");
            String ctl = root.resolve("usr/bin/metalvirtctl").toString();
            String status = Command.run(Duration.ofSeconds(60), ctl, "--socket", admin.toString(), "status")
                    .assertSuccess()
                    .stdout();
            assertTrue(status.lines().anyMatch(line -> line.matches("nodes:\\s+1")), status);
            JsonNode nodes = new ObjectMapper()
                    .readTree(Command.run(
                                    Duration.ofSeconds(60),
                                    ctl,
                                    "--socket",
                                    admin.toString(),
                                    "nodes",
                                    "list",
                                    "--json")
                            .assertSuccess()
                            .stdout());
            assertEquals(1, nodes.size(), nodes.toString());
            assertEquals("node0", nodes.get(0).get("name").asText());
            assertEquals("simboard", nodes.get(0).get("backend").asText());
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    @Test
    void theShippedLogbackXmlIsNotParsed(@TempDir Path dir) throws Exception {
        Path root = unpack(dir);
        Path classes = startAndStop(root, dir, Files.createDirectory(dir.resolve("cache")), "first");
        assertFalse(Files.readString(classes).contains("ch.qos.logback.classic.joran.JoranConfigurator "));
    }

    @Test
    void anOperatorsLogbackXmlIsRead(@TempDir Path dir) throws Exception {
        Path root = unpack(dir);
        Path conffile = root.resolve("etc/metalvirt/logback.xml");
        Files.writeString(
                conffile, Files.readString(conffile).replace("<pattern>%-5level", "<pattern>CHANGED %-5level"));
        Path socket = dir.resolve("run/metalvirt-sock");
        Process daemon = start(root, dir, Map.of("JOURNAL_STREAM", "8:4242"));
        try {
            await("the changed logback.xml's line")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> !daemon.isAlive()
                            || Files.readString(dir.resolve("daemon.log"))
                                    .lines()
                                    .anyMatch(line -> line.startsWith(
                                            "CHANGED INFO  [main] Daemon: metalvirtd listening on unix " + socket)));
            assertTrue(daemon.isAlive(), Files.readString(dir.resolve("daemon.log")));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    /** The package's files under {@code dir/root}. */
    private static Path unpack(Path dir) throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        dpkgDeb("-x", deb.toString(), root.toString());
        return root;
    }

    /** The unpacked launcher on its shipped configuration, its socket and state in {@code dir}, its output in daemon.log. */
    private static Process start(Path root, Path dir, Map<String, String> env, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                root.resolve("usr/bin/metalvirtd").toString(),
                "--config",
                root.resolve("etc/metalvirt/metalvirtd.yaml").toString(),
                "--state-dir",
                dir.resolve("state").toString(),
                "--unix-socket",
                dir.resolve("run/metalvirt-sock").toString(),
                "--listen-tcp",
                ""));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon.log").toFile());
        builder.environment()
                .put("METALVIRT_CONF_DIR", root.resolve("etc/metalvirt").toString());
        builder.environment()
                .put(
                        "METALVIRT_DEFAULTS",
                        root.resolve("etc/default/metalvirtd").toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void theFirstRunWritesAClassArchiveWhenItStopsAndTheNextRunsMapIt(@TempDir Path dir) throws Exception {
        Path root = unpack(dir);
        Path cache = Files.createDirectory(dir.resolve("cache"));
        startAndStop(root, dir, cache, "first");
        try (Stream<Path> files = Files.list(cache)) {
            List<String> names =
                    files.map(file -> file.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).matches("metalvirtd-\\d+-\\d+\\.jsa"), names.toString());
        }
        assertTrue(Files.readString(startAndStop(root, dir, cache, "second"))
                .contains("org.metalvirt.shim.server.Main source: shared objects file (top)"));
    }

    /** Runs the daemon until it listens and stops it as systemd does; returns the JVM's log of the classes it loaded. */
    private static Path startAndStop(Path root, Path dir, Path cache, String run) throws Exception {
        Path classes = dir.resolve(run + "-classes.log");
        Path socket = dir.resolve("run/metalvirt-sock");
        Process daemon = start(
                root,
                dir,
                Map.of(
                        "METALVIRT_CACHE_DIR",
                        cache.toString(),
                        "METALVIRTD_JAVA_OPTS",
                        "-Xlog:class+load=info:file=" + classes));
        try {
            await("the daemon's socket")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> Files.exists(socket) || !daemon.isAlive());
            assertTrue(daemon.isAlive(), Files.readString(dir.resolve("daemon.log")));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
        // SIGTERM, as systemd stops it: a clean stop exits 0, the archive written at that exit.
        assertEquals(0, daemon.exitValue(), Files.readString(dir.resolve("daemon.log")));
        return classes;
    }

    @Test
    void theTarballHoldsTheSameTree() throws IOException {
        Path tarball = built("metalvirt-.*\\.tar\\.gz");
        List<String> files = Command.run(Duration.ofSeconds(60), "tar", "-tzf", tarball.toString())
                .assertSuccess()
                .stdout()
                .lines()
                .toList();
        for (String file : List.of(
                "usr/bin/metalvirtd",
                "usr/bin/metalvirtctl",
                "usr/share/metalvirt/metalvirtctl.jar",
                "usr/share/man/man1/metalvirtctl.1.gz",
                "usr/share/bash-completion/completions/metalvirtctl",
                "usr/share/metalvirt/metalvirtd.jar",
                "lib/systemd/system/metalvirtd.service",
                "etc/metalvirt/metalvirtd.yaml",
                "usr/share/man/man8/metalvirtd.8.gz")) {
            assertTrue(files.contains(file), file + " in " + files);
        }
    }

    private static void assertFile(List<String> listing, String mode, String path) {
        String line = listing.stream()
                .filter(entry -> entry.endsWith(" " + path))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " not in the package:\n" + String.join("\n", listing)));
        assertTrue(line.startsWith(mode + " root/root "), line);
    }

    private static String dpkgDeb(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "dpkg-deb";
        System.arraycopy(args, 0, command, 1, args.length);
        return Command.run(Duration.ofSeconds(60), command).assertSuccess().stdout();
    }

    /** {@code man -l PAGE}: the page rendered as a reader gets it. */
    private static Command.Result man(Path page) {
        return Command.run(Duration.ofSeconds(60), "man", "-l", page.toString());
    }

    /** What bash's completion {@code function} from the installed {@code command} file offers for {@code words}. */
    private static Command.Result complete(Path root, String command, String words, int word, String function) {
        Path file = root.resolve("usr/share/bash-completion/completions").resolve(command);
        return Command.run(
                Duration.ofSeconds(60),
                "bash",
                "-c",
                ". " + file + " && COMP_WORDS=(" + words + ") COMP_CWORD=" + word + " && " + function
                        + " && echo \"${COMPREPLY[*]}\"");
    }
}
