package org.metalvirt.baremetal.ipmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.testing.RecordingRunner;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.testing.PowerControlContract;

/**
 * The PowerControl contract against the IPMI driver on its native RMCP+ client (cipher suite 3)
 * and OpenIPMI's ipmi_sim; not one process is run for it.
 */
class NativeIpmiPowerControlContractTest extends PowerControlContract {

    @TempDir
    Path dir;

    private ScriptedChassisBmc bmc;
    private IpmiPowerControl ipmi;
    private RecordingRunner runner;

    @Override
    protected PowerControl create() throws Exception {
        bmc = new ScriptedChassisBmc(dir.resolve("bmc"), "contract-pw");
        runner = new RecordingRunner();
        ipmi = new IpmiPowerControl("n1", bmc.nativeSettings(), runner);
        return ipmi;
    }

    @Override
    protected void destroy() throws Exception {
        if (ipmi != null) {
            ipmi.close();
            assertEquals(List.of(), runner.lines(), "no process is run");
        }
        if (bmc != null) {
            bmc.close();
        }
    }
}
