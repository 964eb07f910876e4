package org.metalvirt.baremetal.redfish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.testing.PowerControlContract;

/** The PowerControl contract against the Redfish driver and a Redfish service on 127.0.0.1. */
class RedfishPowerControlContractTest extends PowerControlContract {

    @TempDir
    Path dir;

    private FakeRedfish bmc;
    private RedfishPowerControl redfish;

    @Override
    protected PowerControl create() throws Exception {
        bmc = new FakeRedfish("admin", "s3cret");
        Path password = Files.writeString(dir.resolve("redfish.pw"), "s3cret\n");
        redfish = new RedfishPowerControl(
                "n1",
                new RedfishSettings(
                        bmc.url(),
                        Optional.empty(),
                        "admin",
                        password,
                        false,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofMillis(1),
                        Duration.ofMillis(100),
                        "Continuous"));
        return redfish;
    }

    @Override
    protected void destroy() {
        if (redfish != null) {
            redfish.close();
        }
        if (bmc != null) {
            bmc.close();
        }
    }

    @Override
    protected boolean breakPowerReading() {
        bmc.failWith(500);
        return true;
    }
}
