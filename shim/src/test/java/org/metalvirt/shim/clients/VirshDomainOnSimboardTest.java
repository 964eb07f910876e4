package org.metalvirt.shim.clients;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.RunningDaemon;

/** {@link VirshDomainTest} over {@code simboard}: the real GPIO driver on a simulated ATX board. */
class VirshDomainOnSimboardTest extends VirshDomainTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RunningDaemon::simboard);

    @Override
    RunningDaemon daemon() {
        return DAEMON;
    }
}
