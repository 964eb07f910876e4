package org.metalvirt.shim.clients;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.RunningDaemon;

/** {@link VirshDeviceTest} over {@code simboard}: the real SR-IOV and SPDK drivers on a simulated card. */
class VirshDeviceOnSimboardTest extends VirshDeviceTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RunningDaemon::simboard);

    @Override
    RunningDaemon daemon() {
        return DAEMON;
    }
}
