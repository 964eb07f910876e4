package org.metalvirt.shim.clients;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.RunningDaemon;

/** {@link PythonClientTest} over {@code simboard}, the embedded default. */
class PythonClientOnSimboardTest extends PythonClientTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RunningDaemon::simboard);

    @Override
    RunningDaemon daemon() {
        return DAEMON;
    }
}
