package org.metalvirt.shim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandResult;

/**
 * A Ceph cluster as ceph-common's {@code rbd} and {@code ceph} show it, behind the command seam:
 * one pool of images in memory. Each command must carry the monitors and the user's keyring, and
 * the keyring must be a 0600 file holding {@code key} while the command runs; what is wrong with a
 * command is kept in {@link #violations()} rather than thrown, so the daemon's answer stays Ceph's.
 */
public final class FakeCeph {

    private static final long MIB = 1024 * 1024;

    private final String monitors;
    private final String user;
    private final String key;
    private final String pool;
    private final Map<String, Long> images = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Path> keyrings = new ArrayList<>();

    public FakeCeph(String monitors, String user, String key, String pool) {
        this.monitors = monitors;
        this.user = user;
        this.key = key;
        this.pool = pool;
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every keyring a command was given. */
    public synchronized List<Path> keyrings() {
        return List.copyOf(keyrings);
    }

    public synchronized Map<String, Long> images() {
        return Map.copyOf(images);
    }

    public synchronized CommandResult run(Command command) {
        List<String> argv = command.argv();
        if (argv.stream().anyMatch(arg -> arg.contains(key))) {
            violations.add("the key is on the command line: " + command.line());
        }
        List<String> rest = cluster(argv);
        if (rest == null) {
            return CommandResult.failure(1, "monclient: no keyring or monitors");
        }
        String program = argv.get(0);
        if (program.equals("ceph") && rest.equals(List.of("df", "--format", "json"))) {
            long stored = images.values().stream().mapToLong(Long::longValue).sum();
            return CommandResult.ok(
                    "{\"stats\":{\"total_bytes\":%d,\"total_avail_bytes\":%d},\"pools\":[{\"name\":\"%s\",\"stats\":{\"stored\":%d}}]}"
                            .formatted(100L << 30, 60L << 30, pool, stored));
        }
        return program.equals("rbd") ? rbd(rest) : CommandResult.failure(22, "unknown command " + rest);
    }

    private CommandResult rbd(List<String> rest) {
        if (rest.equals(List.of("ls", pool))) {
            return CommandResult.ok(String.join("\n", images.keySet()));
        }
        if (rest.equals(List.of("ls", "-l", "--format", "json", pool))) {
            List<String> listed = new ArrayList<>();
            images.forEach(
                    (name, size) -> listed.add("{\"image\":\"%s\",\"size\":%d,\"format\":2}".formatted(name, size)));
            return CommandResult.ok("[" + String.join(",", listed) + "]");
        }
        String image = rest.get(rest.size() - 1);
        if (!image.startsWith(pool + "/")) {
            return CommandResult.failure(2, "rbd: error opening pool: (2) No such file or directory");
        }
        String name = image.substring(pool.length() + 1);
        switch (rest.get(0)) {
            case "info" -> {
                return images.containsKey(name)
                        ? CommandResult.ok("{\"name\":\"%s\",\"size\":%d}".formatted(name, images.get(name)))
                        : CommandResult.failure(
                                2, "rbd: error opening image " + name + ": (2) No such file or directory");
            }
            case "create" -> {
                if (images.containsKey(name)) {
                    return CommandResult.failure(17, "rbd: create error: (17) File exists");
                }
                images.put(name, Long.parseLong(rest.get(rest.indexOf("--size") + 1)) * MIB);
                return CommandResult.ok("");
            }
            case "rm" -> {
                return images.remove(name) != null
                        ? CommandResult.ok("")
                        : CommandResult.failure(2, "rbd: delete error: (2) No such file or directory");
            }
            default -> {
                return CommandResult.failure(22, "rbd: unknown command " + rest);
            }
        }
    }

    /** The command's arguments after the cluster's, checking those; null when they are not there. */
    private List<String> cluster(List<String> argv) {
        if (argv.size() < 7
                || !argv.subList(1, 4).equals(List.of("-m", monitors, "--id"))
                || !argv.get(4).equals(user)
                || !argv.get(5).equals("--keyring")) {
            violations.add("not the cluster's arguments: " + String.join(" ", argv));
            return null;
        }
        Path keyring = Path.of(argv.get(6));
        keyrings.add(keyring);
        try {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(keyring));
            if (!mode.equals("rw-------")) {
                violations.add("keyring " + keyring + " has mode " + mode);
            }
            String expected = "[client." + user + "]\n\tkey = " + key + "\n";
            if (!Files.readString(keyring, StandardCharsets.UTF_8).equals(expected)) {
                violations.add("keyring " + keyring + " does not hold the user's key");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return argv.subList(7, argv.size());
    }
}
