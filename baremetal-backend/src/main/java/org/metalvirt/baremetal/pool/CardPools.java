package org.metalvirt.baremetal.pool;

import java.nio.file.Path;
import java.util.List;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.storage.PoolDriver;
import org.metalvirt.storage.PoolDrivers;
import org.metalvirt.storage.SecretValues;

/** The pool types a card serves, running the real programs; tests build them over another runner. */
public final class CardPools implements PoolDrivers.Provider {

    @Override
    public List<PoolDriver> drivers(SecretValues secrets) {
        return drivers(new ExecCommandRunner(), secrets, Path.of("/proc/self/mounts"));
    }

    public static List<PoolDriver> drivers(CommandRunner runner, SecretValues secrets, Path mounts) {
        QemuImg qemuImg = new QemuImg(runner);
        return List.of(
                new DirPool(qemuImg),
                new NetfsPool(qemuImg, runner, mounts),
                new RbdPool(runner, secrets),
                new IscsiPool("iscsi", runner, secrets),
                new IscsiPool("iscsi-direct", runner, secrets));
    }
}
