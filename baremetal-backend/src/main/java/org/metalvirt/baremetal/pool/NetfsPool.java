package org.metalvirt.baremetal.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.storage.PoolSource;

/**
 * A {@code netfs} pool: a {@code dir} pool whose directory is an NFS export the card mounts at
 * start ({@code mount -t nfs}) and unmounts at destroy. A directory already mounted is used as it is.
 */
final class NetfsPool extends DirPool {

    private static final Duration MOUNT = Duration.ofSeconds(60);

    private final CommandRunner runner;
    private final Path mounts;

    NetfsPool(QemuImg qemuImg, CommandRunner runner, Path mounts) {
        super(qemuImg);
        this.runner = runner;
        this.mounts = mounts;
    }

    @Override
    public String type() {
        return "netfs";
    }

    @Override
    public void start(PoolSource pool) {
        super.start(pool);
        if (mounted(pool)) {
            return;
        }
        String export = pool.host(2049)[0] + ":" + pool.dir().orElse("/");
        CommandResult result = runner.run(Command.of(
                MOUNT,
                "mount",
                "-t",
                "nfs",
                "-o",
                "nodev,nosuid,noexec",
                export,
                dir(pool).toString()));
        if (!result.succeeded()) {
            throw new VirtException(
                    ErrorNumber.OPERATION_FAILED,
                    ErrorDomain.STORAGE,
                    "operation failed: cannot mount " + export + " on " + dir(pool) + ": "
                            + (result.timedOut()
                                    ? "no answer within " + MOUNT.toSeconds() + " s"
                                    : result.stderr().strip()));
        }
    }

    @Override
    public void stop(PoolSource pool) {
        if (mounted(pool)) {
            runner.check(Command.of(MOUNT, "umount", dir(pool).toString()));
        }
    }

    private boolean mounted(PoolSource pool) {
        String target = dir(pool).toString();
        try {
            return Files.readAllLines(mounts).stream()
                    .map(line -> line.split(" "))
                    .anyMatch(fields -> fields.length > 1 && fields[1].equals(target));
        } catch (IOException e) {
            throw DirPool.system("cannot read " + mounts, e);
        }
    }
}
