package org.metalvirt.baremetal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a child left running by an earlier daemon whose wrapper died with it (see
 * {@link LifelineProcess}): the pid in the child's pid file is ended only if that process's command
 * line still names the same pid file, so a recycled pid is never hit.
 */
public final class StaleProcess {

    private static final Logger LOG = LoggerFactory.getLogger(StaleProcess.class);

    private StaleProcess() {}

    /** Ends the process that wrote {@code pidFile}, if it still runs; waits up to 10 s for it to go. */
    public static void sweep(Path pidFile) {
        owner(pidFile).ifPresent(process -> {
            LOG.warn("ending pid {} left over from an earlier run ({})", process.pid(), pidFile);
            process.destroy();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                try {
                    process.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception again) {
                    LOG.error("pid {} survives SIGKILL", process.pid());
                }
            }
        });
    }

    /** The live process that wrote {@code pidFile}, if any. */
    public static Optional<ProcessHandle> owner(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(
                    Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return Optional.empty();
            }
            // /proc/PID/cmdline: NUL-separated argv; it must name this very pid file.
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return cmdline.contains("\0" + pidFile + "\0") ? process : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // gone meanwhile, or not a pid file the child wrote
        }
    }
}
