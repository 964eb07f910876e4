package org.metalvirt.baremetal.ipmi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.ipmi.rmcp.CipherSuite;
import org.metalvirt.baremetal.ipmi.rmcp.FakeRmcpBmc;
import org.metalvirt.baremetal.testing.RecordingRunner;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.testing.PowerControlContract;

/**
 * The PowerControl contract on the native client with cipher suite 17 (RAKP-HMAC-SHA256,
 * HMAC-SHA256-128, AES-CBC-128), against the spec-written {@link FakeRmcpBmc}: ipmi_sim offers
 * no suite 17.
 */
class Suite17PowerControlContractTest extends PowerControlContract {

    @TempDir
    Path dir;

    private FakeRmcpBmc bmc;
    private IpmiPowerControl ipmi;
    private final RecordingRunner runner = new RecordingRunner();

    @Override
    protected PowerControl create() throws Exception {
        bmc = new FakeRmcpBmc(CipherSuite.SUITE_17, "admin", "sha256-pw");
        Path password = Files.writeString(dir.resolve("pw"), "sha256-pw\n");
        IpmiSettings d = IpmiSettings.of("127.0.0.1", bmc.port(), "admin", Optional.of(password), Optional.empty());
        ipmi = new IpmiPowerControl(
                "n1",
                SettingsCopy.of(d)
                        .cipherSuite("17")
                        .commandTimeout(Duration.ofSeconds(3))
                        .retries(3, Duration.ofMillis(100))
                        .confirm(Duration.ofSeconds(5), Duration.ofMillis(20))
                        .watchInterval(Duration.ofMillis(100))
                        .client(IpmiSettings.Client.NATIVE)
                        .build(),
                runner);
        return ipmi;
    }

    @Override
    protected void destroy() throws Exception {
        if (ipmi != null) {
            ipmi.close();
            assertEquals(List.of(), runner.lines());
        }
        if (bmc != null) {
            bmc.close();
        }
    }
}
