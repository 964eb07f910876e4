package org.metalvirt.qemu.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The testbed guest (Debian's cloud kernel and a busybox initramfs whose agent reports over the
 * serial console), built by {@code testbeds/build-guest} on first use and cached by it, so only
 * the first run on a machine downloads the two .debs.
 *
 * @param kernel {@code -kernel}
 * @param initrd {@code -initrd}
 */
public record TestbedGuest(Path kernel, Path initrd) {

    private static TestbedGuest built;

    /** The guest, building it if needed (≈5 s the first time on a machine, then cached). */
    public static synchronized TestbedGuest get() {
        if (built == null) {
            built = build(testbedsDir());
        }
        return built;
    }

    /** The qemu backend's boot options for this guest. */
    public Map<String, String> bootOptions() {
        return Map.of("kernel", kernel.toString(), "initrd", initrd.toString());
    }

    /** {@code testbeds/} of the source tree: {@code -Dmetalvirt.testbeds=DIR}, else found upwards from the working directory. */
    public static Path testbedsDir() {
        String configured = System.getProperty("metalvirt.testbeds");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("testbeds/build-guest"))) {
                return dir.resolve("testbeds");
            }
        }
        throw new IllegalStateException(
                "testbeds/build-guest not found above " + Path.of("").toAbsolutePath() + "; set -Dmetalvirt.testbeds");
    }

    private static TestbedGuest build(Path testbeds) {
        try {
            Path log = Files.createTempFile("build-guest", ".log");
            Process process = new ProcessBuilder(testbeds.resolve("build-guest").toString())
                    .redirectError(log.toFile())
                    .start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("testbeds/build-guest failed: " + Files.readString(log));
            }
            Files.deleteIfExists(log);
            Path kernel = null;
            Path initrd = null;
            for (String line : out.split("\n")) {
                if (line.startsWith("kernel=")) {
                    kernel = Path.of(line.substring(7));
                } else if (line.startsWith("initrd=")) {
                    initrd = Path.of(line.substring(7));
                }
            }
            if (kernel == null || initrd == null) {
                throw new IllegalStateException("testbeds/build-guest printed no kernel/initrd: " + out);
            }
            return new TestbedGuest(kernel, initrd);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run testbeds/build-guest: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted building the guest", e);
        }
    }
}
