package org.metalvirt.baremetal.sim;

import org.junit.jupiter.api.Nested;
import org.metalvirt.node.testing.AttachmentContract;

/** The attachment contract against the {@code sim} backend's VFs and disks. */
class SimAttachmentContractTest {

    @Nested
    class Vfs extends AttachmentContract {
        @Override
        protected Devices create(int capacity) {
            return Devices.of(new SimNetworkAttachment("n1", capacity));
        }
    }

    @Nested
    class Disks extends AttachmentContract {
        @Override
        protected Devices create(int capacity) {
            return Devices.of(new SimBlockStorage("n1", capacity));
        }
    }
}
