package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Trees;
import org.metalvirt.shim.testing.Virsh;

/** Networks are kept as domains are: the configured ones at the first start, then what clients made of them. */
class NetworkPersistenceTest {

    private static final String NETWORKS = """
              - {name: tenant, pf: sim0}
              - {name: storage, pf: sim0, mode: passthrough, autostart: false}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void configuredNetworksAndTheirChangesSurviveKillNine() throws IOException {
        Path config = config(NETWORKS);
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("storage\ntenant", virsh.ok("net-list", "--all", "--name"));
            assertEquals("tenant", virsh.ok("net-list", "--name"));
            virsh.ok("net-start", "storage");
            virsh.ok("net-autostart", "tenant", "--disable");
            virsh.ok("net-destroy", "tenant");
            daemon.kill9();
        }
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            // Not defined again from the file: the state directory has the networks now.
            assertEquals("storage\ntenant", virsh.ok("net-list", "--all", "--name"));
            assertEquals("storage", virsh.ok("net-list", "--name"));
            assertEquals("tenant", virsh.ok("net-list", "--inactive", "--name"));
            assertEquals("storage\ntenant", virsh.ok("net-list", "--all", "--no-autostart", "--name"));
        }
    }

    /**
     * Autostart is once per boot of the card, as libvirt's network driver does it: a daemon
     * restarted with its runtime directory leaves an autostart network an operator stopped stopped;
     * after a reboot (the runtime directory emptied) it starts again.
     */
    @Test
    void anAutostartNetworkStartsOncePerBootOfTheCard() throws IOException {
        Path config = config("""
                  - {name: tenant, pf: sim0}
                """);
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("tenant", virsh.ok("net-list", "--name"));
            virsh.ok("net-destroy", "tenant");
        }
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("tenant", virsh.ok("net-list", "--inactive", "--autostart", "--name"));
        }
        rebootCard();
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("tenant", virsh.ok("net-list", "--name"));
        }
    }

    /**
     * Whether a network is active is runtime state, kept as libvirt keeps a network's status under
     * its runtime directory: a daemon restarted, even killed, finds its networks as they were,
     * transient ones included; after a reboot of the card every network is inactive, transient
     * ones are gone, and autostart starts the networks marked so.
     */
    @Test
    void activeNetworksStayActiveAcrossDaemonRestartsButNotAcrossACardReboot() throws IOException {
        Path config = config(NETWORKS);
        startStorageAndCreateScratch(config);
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("scratch\nstorage\ntenant", virsh.ok("net-list", "--name"));
            virsh.ok("net-destroy", "tenant");
            daemon.stop();
        }
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("scratch\nstorage", virsh.ok("net-list", "--name"));
        }
        rebootCard();
        assertOnlyTheAutostartNetworkActive(config);
    }

    /**
     * Earlier versions kept an active network's live definition in the state directory. A daemon
     * upgraded without a reboot (its runtime directory kept) keeps those networks active; the first
     * start after a reboot treats them as libvirt does after one: inactive, until autostart.
     */
    @Test
    void anEarlierVersionsActiveNetworksAreActiveAfterAnUpgradeAndInactiveAfterAReboot() throws IOException {
        Path config = config(NETWORKS);
        try (DaemonProcess daemon = daemonWithStorageAndScratch(config)) {
            daemon.stop(); // its journal written out: the files are all an earlier version had
        }
        asAnEarlierVersionKeptIt();
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("scratch\nstorage\ntenant", virsh.ok("net-list", "--name"));
            daemon.stop();
        }
        asAnEarlierVersionKeptIt();
        rebootCard();
        assertOnlyTheAutostartNetworkActive(config);
        // Migrated once: no live definition is left in the state directory.
        try (Stream<Path> files = Files.list(dir.resolve("state/networks"))) {
            assertEquals(
                    List.of(),
                    files.filter(file -> file.toString().endsWith(".json"))
                            .filter(file -> Trees.text(file).contains("liveXml"))
                            .toList());
        }
    }

    /** A daemon that starts {@code storage}, creates the transient {@code scratch}, and is killed. */
    private void startStorageAndCreateScratch(Path config) throws IOException {
        daemonWithStorageAndScratch(config).close();
    }

    /** A daemon that has started {@code storage} and created {@code scratch}, still running. */
    private DaemonProcess daemonWithStorageAndScratch(Path config) throws IOException {
        DaemonProcess daemon = DaemonProcess.start(config);
        try {
            Virsh virsh = new Virsh(daemon.uri());
            virsh.ok("net-start", "storage");
            virsh.ok(
                    "net-create",
                    Files.writeString(
                                    dir.resolve("scratch.xml"),
                                    "<network><name>scratch</name><forward mode='hostdev'><pf dev='sim0'/></forward></network>")
                            .toString());
            return daemon;
        } catch (IOException | RuntimeException e) {
            daemon.close();
            throw e;
        }
    }

    /** What a daemon started after a reboot has: the autostart network active, the transient one gone. */
    private static void assertOnlyTheAutostartNetworkActive(Path config) {
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("tenant", virsh.ok("net-list", "--name"));
            assertEquals("storage\ntenant", virsh.ok("net-list", "--all", "--name"));
            daemon.stop(); // its journal written out into the files
        }
    }

    /**
     * Moves every active network's status from the runtime directory into its {@code UUID.json} in
     * the state directory, as versions before the runtime directory kept it, the autostart marker kept.
     */
    private void asAnEarlierVersionKeptIt() throws IOException {
        Path status = dir.resolve("run/networks");
        List<Path> active;
        try (Stream<Path> files = Files.list(status)) {
            active = files.filter(file -> file.toString().endsWith(".json")).toList();
        }
        for (Path file : active) {
            ObjectNode live = (ObjectNode) JSON.readTree(file.toFile());
            Path defined = dir.resolve("state/networks").resolve(file.getFileName());
            ObjectNode kept = Files.exists(defined)
                    ? (ObjectNode) JSON.readTree(defined.toFile())
                    : JSON.createObjectNode().put("name", live.get("name").asText());
            kept.set("liveXml", live.get("liveXml"));
            Files.write(defined, JSON.writeValueAsBytes(kept));
            Files.delete(file);
        }
    }

    /** What a reboot of the card does to the daemon's files: the runtime directory is emptied. */
    private void rebootCard() {
        Trees.delete(dir.resolve("run"));
    }

    /** One quick simulated server, its runtime state in {@code run/}, and these networks' YAML items. */
    private Path config(String networks) throws IOException {
        return Files.writeString(
                dir.resolve("metalvirtd.yaml"),
                """
                listen: {tcp: "127.0.0.1:0", unix: %s}
                stateDir: %s
                runtimeDir: %s
                nodes:
                  - name: node0
                    options: {powerOnMillis: "20", osShutdownMillis: "50"}
                networks:
                """.formatted(dir.resolve("sock"), dir.resolve("state"), dir.resolve("run")) + networks);
    }
}
