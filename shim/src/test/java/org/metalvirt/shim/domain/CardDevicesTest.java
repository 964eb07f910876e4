package org.metalvirt.shim.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.metalvirt.domainxml.Firmware;
import org.metalvirt.domainxml.LifecycleActions;
import org.metalvirt.domainxml.NodePlan;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;

/** The card moved from one plan to another: what is kept, attached, detached, and undone on failure. */
class CardDevicesTest {

    private static final VirtioBlkDisk ROOT = disk("vda", "pool/root");
    private static final VirtioBlkDisk DATA = disk("ua-data", "pool/data");
    private static final VirtualFunction NET_10 = vf("net0", 10);
    private static final VirtualFunction NET_20 = vf("net0", 20);
    private static final VirtualFunction NET_1 = vf("net1", 30);

    private final FakeCard card = new FakeCard();
    private final NodeDriver node = card.node("n");

    @Test
    void theDiffKeepsWhatIsUnchangedAttachesWhatIsNewAndDetachesWhatIsGone() {
        CardDiff diff = CardDiff.between(
                CardDevice.of(plan(List.of(ROOT, DATA), List.of(NET_10))),
                CardDevice.of(plan(List.of(ROOT), List.of(NET_10, NET_1))));

        assertEquals(List.of(new CardDevice.Disk(ROOT), new CardDevice.Vf(NET_10)), diff.keep());
        assertEquals(List.of(new CardDevice.Vf(NET_1)), diff.attach());
        assertEquals(List.of(new CardDevice.Disk(DATA)), diff.detach());
    }

    @Test
    void aChangedDeviceIsDetachedInItsOldProgrammingAndAttachedInItsNew() {
        CardDiff diff = CardDiff.between(
                CardDevice.of(plan(List.of(), List.of(NET_10))), CardDevice.of(plan(List.of(), List.of(NET_20))));

        assertEquals(List.of(), diff.keep());
        assertEquals(List.of(new CardDevice.Vf(NET_20)), diff.attach());
        assertEquals(List.of(new CardDevice.Vf(NET_10)), diff.detach());
    }

    @Test
    void theCardEndsWithTheNewPlansDevicesAndTheirAddresses() {
        NodePlan before = plan(List.of(ROOT, DATA), List.of(NET_10));
        Map<String, String> addresses = CardDevices.attachAll(node, before);

        Map<String, String> after =
                CardDevices.apply(node, before, plan(List.of(ROOT), List.of(NET_20, NET_1)), addresses);

        assertEquals(Map.of("vda", ROOT, "net0", NET_20, "net1", NET_1), card.held());
        assertEquals(Map.of("vda", "slot-vda", "net0", "slot-net0", "net1", "slot-net1"), after);
    }

    @Test
    void anUpdateWhoseNewProgrammingFailsLeavesTheOldDeviceAttached() {
        NodePlan before = plan(List.of(ROOT), List.of(NET_10));
        Map<String, String> addresses = CardDevices.attachAll(node, before);
        card.refuse(NET_20::equals);

        assertThrows(
                VirtException.class,
                () -> CardDevices.apply(node, before, plan(List.of(ROOT), List.of(NET_20)), addresses));

        assertEquals(Map.of("vda", ROOT, "net0", NET_10), card.held());
    }

    @Test
    void aFailureHalfWayUndoesEveryStepBeforeIt() {
        NodePlan before = plan(List.of(ROOT, DATA), List.of(NET_10));
        Map<String, String> addresses = CardDevices.attachAll(node, before);
        card.refuse(NET_1::equals);

        // A new disk is attached first, then the new VF fails: the disk goes, nothing old was taken away.
        assertThrows(
                VirtException.class,
                () -> CardDevices.apply(
                        node,
                        before,
                        plan(List.of(ROOT, disk("vdc", "pool/more")), List.of(NET_10, NET_1)),
                        addresses));

        assertEquals(Map.of("vda", ROOT, "ua-data", DATA, "net0", NET_10), card.held());
    }

    @Test
    void aStartThatCannotAttachEverythingLeavesTheCardEmpty() {
        card.refuse(NET_10::equals);

        assertThrows(
                VirtException.class, () -> CardDevices.attachAll(node, plan(List.of(ROOT, DATA), List.of(NET_10))));

        assertEquals(Map.of(), card.held());
    }

    @Test
    void aPlansDevicesAreItsDisksThenTheVfsItNamesThenThoseTakingAnyFreeVf() {
        VirtualFunction named = new VirtualFunction(
                "hostdev0", "52:54:00:00:00:09", OptionalInt.empty(), true, false, Optional.of("0000:3b:02.1"));

        List<String> order = CardDevice.of(plan(List.of(ROOT, DATA), List.of(NET_10, named, NET_1))).stream()
                .map(CardDevice::id)
                .toList();

        assertEquals(List.of("vda", "ua-data", "hostdev0", "net0", "net1"), order);
    }

    private static NodePlan plan(List<VirtioBlkDisk> disks, List<VirtualFunction> vfs) {
        return new NodePlan(LifecycleActions.DEFAULT, Firmware.BIOS, false, List.of(), disks, vfs, false, List.of());
    }

    private static VirtioBlkDisk disk(String id, String volume) {
        return new VirtioBlkDisk(id, Optional.empty(), "volume", volume, List.of(), Optional.empty(), false);
    }

    private static VirtualFunction vf(String id, int vlan) {
        return new VirtualFunction(id, "52:54:00:00:00:0" + (vlan % 10), OptionalInt.of(vlan), true, false);
    }
}
