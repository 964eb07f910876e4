package org.metalvirt.baremetal.sim;

import org.metalvirt.node.PowerControl;
import org.metalvirt.node.testing.PowerControlContract;

/** The PowerControl contract against the {@code sim} backend's server. */
class SimPowerControlContractTest extends PowerControlContract {

    private SimulatedServer server;

    @Override
    protected PowerControl create() {
        server = new SimulatedServer("n1", SimTimings.fast());
        return new SimPowerControl(server);
    }

    @Override
    protected void destroy() {
        server.close();
    }

    @Override
    protected boolean breakPowerReading() {
        server.setReadable(false);
        return true;
    }
}
