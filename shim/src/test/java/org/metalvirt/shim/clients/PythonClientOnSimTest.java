package org.metalvirt.shim.clients;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.RunningDaemon;

/** {@link PythonClientTest} over the {@code sim} backend, the reference simulated server. */
class PythonClientOnSimTest extends PythonClientTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Override
    RunningDaemon daemon() {
        return DAEMON;
    }
}
