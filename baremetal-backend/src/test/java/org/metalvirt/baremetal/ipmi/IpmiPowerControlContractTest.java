package org.metalvirt.baremetal.ipmi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.baremetal.testing.IpmiSim;
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
        IpmiSettings base = IpmiSettings.of(
                "127.0.0.1", bmc.port(), IpmiSim.USER, Optional.of(bmc.passwordFile()), Optional.empty());
        ipmi = new IpmiPowerControl(
                "n1",
                new IpmiSettings(
                        base.tool(),
                        base.host(),
                        base.port(),
                        base.user(),
                        base.passwordFile(),
                        base.passwordEnv(),
                        base.cipherSuite(),
                        Duration.ofSeconds(15),
                        3,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(20),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        true),
                new ExecCommandRunner());
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
