package org.metalvirt.qemu.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code qemu} backend's options, all optional strings (see the module README). Unknown keys
 * are refused, except {@code ipmi.*}, which go to the {@code baremetal} backend when
 * {@code power=ipmi}.
 */
record QemuOptions(String qemuBinary, int memoryMiB, int cpus, Optional<Path> kernel, Optional<Path> initrd,
                   String append, Optional<Path> disk, int rootPorts, Optional<Path> runDir, Duration bootTimeout,
                   Duration stopTimeout, Duration deviceTimeout, long nullSizeMiB, String power,
                   Map<String, String> ipmi) {

    static final Set<String> KNOWN = Set.of("qemuBinary", "memoryMiB", "cpus", "kernel", "initrd", "append", "disk",
            "rootPorts", "runDir", "bootTimeoutSeconds", "stopTimeoutSeconds", "deviceTimeoutSeconds", "nullSizeMiB",
            "power");

    static QemuOptions parse(Map<String, String> options) {
        Map<String, String> ipmi = new LinkedHashMap<>();
        for (String key : options.keySet()) {
            if (key.startsWith("ipmi.")) {
                ipmi.put(key, options.get(key));
            } else if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("qemu option '" + key + "' is unknown (known: "
                        + String.join(", ", KNOWN.stream().sorted().toList()) + ", ipmi.*)");
            }
        }
        String power = options.getOrDefault("power", "qemu");
        if (!power.equals("qemu") && !power.equals("ipmi")) {
            throw new IllegalArgumentException("qemu option 'power' must be qemu or ipmi, got '" + power + "'");
        }
        if (power.equals("qemu") && !ipmi.isEmpty()) {
            throw new IllegalArgumentException("qemu options " + ipmi.keySet() + " need power: ipmi");
        }
        Optional<Path> kernel = file(options, "kernel");
        Optional<Path> disk = file(options, "disk");
        if (kernel.isEmpty() && disk.isEmpty()) {
            throw new IllegalArgumentException("qemu option 'kernel' or 'disk' is required: the server needs something to boot");
        }
        return new QemuOptions(options.getOrDefault("qemuBinary", "qemu-system-x86_64"),
                integer(options, "memoryMiB", 256, 16, 1 << 20), integer(options, "cpus", 1, 1, 64),
                kernel, file(options, "initrd"), options.getOrDefault("append", "console=ttyS0 quiet"), disk,
                integer(options, "rootPorts", 8, 0, 15),
                Optional.ofNullable(options.get("runDir")).map(Path::of),
                Duration.ofSeconds(integer(options, "bootTimeoutSeconds", 60, 1, 3600)),
                Duration.ofSeconds(integer(options, "stopTimeoutSeconds", 30, 1, 3600)),
                Duration.ofSeconds(integer(options, "deviceTimeoutSeconds", 30, 1, 3600)),
                integer(options, "nullSizeMiB", 64, 1, 1 << 24), power, Map.copyOf(ipmi));
    }

    private static Optional<Path> file(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("qemu option '" + key + "': cannot read " + value);
        }
        return Optional.of(path);
    }

    private static int integer(Map<String, String> options, String key, int fallback, int min, int max) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("qemu option '" + key + "' must be between " + min + " and " + max
                        + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("qemu option '" + key + "' is not a number: '" + value + "'");
        }
    }
}
