package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.metalvirt.baremetal.sim.Sim.assertVirtError;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.VirtualFunction;

class SimNetworkAttachmentTest {

    private static VirtualFunction vf(String id) {
        return new VirtualFunction(id, "52:54:00:00:00:01", OptionalInt.of(100), true, false);
    }

    @Test
    void vfNSitsAtFunctionNOnBus5e() {
        SimNetworkAttachment network = new SimNetworkAttachment("n1", SimNetworkAttachment.DEFAULT_MAX);

        assertEquals("0000:5e:00.0", network.attach(vf("net0")));
        assertEquals("0000:5e:00.1", network.attach(vf("net1")));
        network.detach("net0");
        assertEquals("0000:5e:00.0", network.attach(vf("net2")), "the freed VF is used again");

        assertEquals(List.of("net2", "net1"), network.attached());
    }

    @Test
    void aVfIdAlreadyAttachedIsInvalid() {
        SimNetworkAttachment network = new SimNetworkAttachment("n1", SimNetworkAttachment.DEFAULT_MAX);
        network.attach(vf("net0"));

        VirtException e = assertVirtError(ErrorNumber.OPERATION_INVALID, () -> network.attach(vf("net0")));
        assertEquals("VF 'net0' is already attached to node n1", e.getMessage());
    }

    @Test
    void noMoreThanMaxVfs() {
        SimNetworkAttachment network = new SimNetworkAttachment("n1", SimNetworkAttachment.DEFAULT_MAX);
        for (int i = 0; i < 8; i++) {
            assertEquals("0000:5e:00." + i, network.attach(vf("net" + i)));
        }

        VirtException e = assertVirtError(ErrorNumber.OPERATION_FAILED, () -> network.attach(vf("net8")));
        assertEquals("no free VF on node n1 (8 in use)", e.getMessage());
    }

    @Test
    void detachingAVfNotAttachedIsDeviceMissing() {
        SimNetworkAttachment network = new SimNetworkAttachment("n1", SimNetworkAttachment.DEFAULT_MAX);

        VirtException e = assertVirtError(ErrorNumber.DEVICE_MISSING, () -> network.detach("net9"));
        assertEquals("no VF 'net9' is attached to node n1", e.getMessage());
    }
}
