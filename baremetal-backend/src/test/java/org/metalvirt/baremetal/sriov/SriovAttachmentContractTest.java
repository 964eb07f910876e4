package org.metalvirt.baremetal.sriov;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.board.SimulatedNic;
import org.metalvirt.node.testing.AttachmentContract;

/** The attachment contract against the SR-IOV driver on a simulated NIC's sysfs tree and {@code ip link}. */
class SriovAttachmentContractTest extends AttachmentContract {

    @TempDir
    Path dir;

    @Override
    protected Devices create(int capacity) throws Exception {
        SimulatedNic nic = new SimulatedNic(dir.resolve("sys"), capacity);
        return Devices.of(new SriovNetworkAttachment(
                "n1", new SysfsNic(nic.sysfs(), SimulatedNic.PF), nic, dir.resolve("state"), Optional.empty()));
    }
}
