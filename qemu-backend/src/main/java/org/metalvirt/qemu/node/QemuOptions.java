package org.metalvirt.qemu.node;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.metalvirt.options.NodeOptions;
import org.metalvirt.options.Range;
import org.metalvirt.qemu.process.QemuCommand;

/**
 * The {@code qemu} backend's options, bound from the node's configuration, every one optional (see
 * the module README for the defaults, which the constructor fills in). {@code ipmi.*} go to the
 * {@code baremetal} backend when {@code power=ipmi}.
 */
record QemuOptions(
        String qemuBinary,
        @Range(min = 16, max = 1 << 20) Integer memoryMiB,
        @Range(min = 1, max = 64) Integer cpus,
        String kernel,
        String initrd,
        String append,
        String disk,
        @Range(max = 15) Integer rootPorts,
        String runDir,
        @Range(min = 1, max = 3600) Integer bootTimeoutSeconds,
        @Range(min = 1, max = 3600) Integer stopTimeoutSeconds,
        @Range(min = 1, max = 3600) Integer deviceTimeoutSeconds,
        String storageDaemonBinary,
        String ovmfCode,
        String ovmfVars,
        Power power,
        Map<String, String> ipmi) {

    private static final NodeOptions OPTIONS = new NodeOptions("qemu", NodeOptions.Wording.PLAIN);

    enum Power {
        /** The daemon owns the QEMU process. */
        @JsonProperty("qemu")
        QEMU,
        /** A BMC starts and stops QEMU; the daemon powers it through IPMI. */
        @JsonProperty("ipmi")
        IPMI
    }

    QemuOptions {
        qemuBinary = requireNonNullElse(qemuBinary, "qemu-system-x86_64");
        memoryMiB = requireNonNullElse(memoryMiB, 256);
        cpus = requireNonNullElse(cpus, 1);
        append = requireNonNullElse(append, QemuCommand.DEFAULT_APPEND);
        rootPorts = requireNonNullElse(rootPorts, 8);
        bootTimeoutSeconds = requireNonNullElse(bootTimeoutSeconds, 60);
        stopTimeoutSeconds = requireNonNullElse(stopTimeoutSeconds, 30);
        deviceTimeoutSeconds = requireNonNullElse(deviceTimeoutSeconds, 30);
        storageDaemonBinary = requireNonNullElse(storageDaemonBinary, "qemu-storage-daemon");
        // Debian's ovmf: 4 MiB images without Secure Boot (and so without SMM).
        ovmfCode = requireNonNullElse(ovmfCode, "/usr/share/OVMF/OVMF_CODE_4M.fd");
        ovmfVars = requireNonNullElse(ovmfVars, "/usr/share/OVMF/OVMF_VARS_4M.fd");
        power = requireNonNullElse(power, Power.QEMU);
        ipmi = ipmi == null ? Map.of() : Map.copyOf(ipmi);
    }

    static QemuOptions bind(Map<String, String> options) {
        QemuOptions bound = OPTIONS.bind(options, QemuOptions.class);
        if (bound.power() == Power.QEMU && !bound.ipmi().isEmpty()) {
            throw new IllegalArgumentException(
                    "qemu options " + bound.bmcOptions().keySet() + " need power: ipmi");
        }
        bound.initrdFile();
        return bound;
    }

    Optional<Path> kernelFile() {
        return file("kernel", kernel);
    }

    Optional<Path> initrdFile() {
        return file("initrd", initrd);
    }

    Optional<Path> diskFile() {
        return file("disk", disk);
    }

    Optional<Path> runDirectory() {
        return Optional.ofNullable(runDir).filter(dir -> !dir.isEmpty()).map(Path::of);
    }

    Duration bootTimeout() {
        return Duration.ofSeconds(bootTimeoutSeconds);
    }

    Duration stopTimeout() {
        return Duration.ofSeconds(stopTimeoutSeconds);
    }

    Duration deviceTimeout() {
        return Duration.ofSeconds(deviceTimeoutSeconds);
    }

    /** The {@code ipmi.*} options with their prefix, as the {@code baremetal} backend reads them. */
    Map<String, String> bmcOptions() {
        Map<String, String> options = new TreeMap<>();
        ipmi.forEach((key, value) -> options.put("ipmi." + key, value));
        return options;
    }

    private static Optional<Path> file(String key, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw OPTIONS.bad(key, "cannot read " + value);
        }
        return Optional.of(path);
    }
}
