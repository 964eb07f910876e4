package org.metalvirt.baremetal.smartnic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.metalvirt.baremetal.process.LifelineProcess;
import org.metalvirt.baremetal.qmp.QmpClient;
import org.metalvirt.error.Failures;

/**
 * The card's {@code qemu-storage-daemon}: one process, started with a QMP monitor on a Unix
 * socket and a pid file in its directory, owned through a lifeline so it ends with metalvirtd (the
 * daemon's next start finds it empty and gives the running server its disks again). It holds no
 * lock of its own: {@link StorageDaemonProvider} calls it under the provider's lock.
 */
final class StorageDaemon {

    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final String binary;
    private final Path dir;
    private final Duration timeout;
    private LifelineProcess process;
    private QmpClient qmp;

    /**
     * @param dir     holds {@code qmp.sock}, {@code qsd.pid}, {@code qsd.log} (and the provider's export sockets)
     * @param timeout bound of the start and of each QMP command
     */
    StorageDaemon(String name, String binary, Path dir, Duration timeout) {
        this.name = name;
        this.binary = binary;
        this.dir = dir;
        this.timeout = timeout;
    }

    boolean running() {
        return process != null && process.alive() && qmp != null && qmp.isOpen();
    }

    /** QMP of the running daemon; null when it is not running. */
    QmpClient qmp() {
        return running() ? qmp : null;
    }

    /**
     * Starts the daemon, ending what is left of an earlier one; {@code onExit} runs (on another
     * thread) when this process ends, whoever ends it.
     */
    QmpClient start(Runnable onExit) {
        stop();
        Path socket = dir.resolve("qmp.sock");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw Failures.failed(name + ": cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        List<String> argv = List.of(
                binary,
                "--chardev",
                "socket,id=mon,path=" + socket + ",server=on,wait=off",
                "--monitor",
                "chardev=mon",
                "--pidfile",
                dir.resolve("qsd.pid").toString());
        LifelineProcess started = LifelineProcess.start(name, argv, dir.resolve("qsd.log"), dir.resolve("qsd.pid"));
        try {
            qmp = QmpClient.connect(name, socket, timeout, started::alive, timeout);
        } catch (RuntimeException e) {
            started.kill(KILL_GRACE);
            throw Failures.failed(
                    name + ": qemu-storage-daemon did not start: " + e.getMessage() + " (" + started.logTail() + ")",
                    e);
        }
        process = started;
        // Not on the JDK's process reaper: the restart that follows blocks.
        started.exited().thenRun(() -> {
            Thread thread = new Thread(onExit, name + "-exit");
            thread.setDaemon(true);
            thread.start();
        });
        return qmp;
    }

    /** Ends the daemon, if it runs. */
    void stop() {
        if (qmp != null) {
            qmp.close();
            qmp = null;
        }
        if (process != null) {
            process.kill(KILL_GRACE);
            process = null;
        }
    }

    String logTail() {
        return process == null ? "" : process.logTail();
    }
}
