package org.metalvirt.shim.clients;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.RunningDaemon;

/** {@link VirshDeviceTest} over the {@code sim} backend, the reference simulated server. */
class VirshDeviceOnSimTest extends VirshDeviceTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Override
    RunningDaemon daemon() {
        return DAEMON;
    }
}
