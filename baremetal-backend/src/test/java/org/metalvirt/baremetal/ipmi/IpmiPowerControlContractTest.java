package org.metalvirt.baremetal.ipmi;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.testing.PowerControlContract;

/** The PowerControl contract against the IPMI driver, ipmitool and OpenIPMI's ipmi_sim. */
class IpmiPowerControlContractTest extends PowerControlContract {

    @TempDir
    Path dir;

    private ScriptedChassisBmc bmc;
    private IpmiPowerControl ipmi;

    @Override
    protected PowerControl create() throws Exception {
        bmc = new ScriptedChassisBmc(dir.resolve("bmc"), "contract-pw");
        ipmi = new IpmiPowerControl("n1", bmc.settings(), new ExecCommandRunner());
        return ipmi;
    }

    @Override
    protected void destroy() throws Exception {
        if (ipmi != null) {
            ipmi.close();
        }
        if (bmc != null) {
            bmc.close();
        }
    }
}
