package org.metalvirt.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.BlockStorage;
import org.metalvirt.node.NetworkAttachment;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;

/**
 * What the domain service relies on from a card's devices of one kind, VFs
 * ({@link NetworkAttachment}) or virtio-blk functions ({@link BlockStorage}): run against each
 * implementation by a subclass that supplies a card with room for a given number of them.
 */
public abstract class AttachmentContract {

    /** A card's devices of one kind, attached and detached by id. */
    protected interface Devices {
        String attach(String id);

        void detach(String id);

        List<String> attached();

        /** VFs, each with a MAC of its own. */
        static Devices of(NetworkAttachment network) {
            AtomicInteger macs = new AtomicInteger();
            return new Devices() {
                @Override
                public String attach(String id) {
                    return network.attach(new VirtualFunction(
                            id,
                            String.format("52:54:00:00:00:%02x", macs.incrementAndGet()),
                            OptionalInt.empty(),
                            true,
                            false));
                }

                @Override
                public void detach(String id) {
                    network.detach(id);
                }

                @Override
                public List<String> attached() {
                    return network.attached();
                }
            };
        }

        /** iSCSI volumes, one LUN each. */
        static Devices of(BlockStorage storage) {
            return new Devices() {
                @Override
                public String attach(String id) {
                    return storage.attach(new VirtioBlkDisk(
                            id,
                            Optional.of("SN-" + id),
                            "iscsi",
                            "iqn.2024-01.org.example:vol/" + Math.abs(id.hashCode() % 256),
                            List.of("192.0.2.1:3260"),
                            Optional.empty(),
                            false));
                }

                @Override
                public void detach(String id) {
                    storage.detach(id);
                }

                @Override
                public List<String> attached() {
                    return storage.attached();
                }
            };
        }
    }

    private static final String PCI_ADDRESS = "[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]";

    /** The card, with room for exactly {@code capacity} devices, none attached. */
    protected abstract Devices create(int capacity) throws Exception;

    /** Ends what {@link #create} started; nothing by default. */
    protected void destroy() throws Exception {}

    @AfterEach
    final void destroyCard() throws Exception {
        destroy();
    }

    @Test
    void anAttachedDeviceHasAPciAddressAndIsListed() throws Exception {
        Devices card = create(2);

        assertTrue(card.attach("dev0").matches(PCI_ADDRESS));
        assertEquals(List.of("dev0"), card.attached());
    }

    @Test
    void eachDeviceGetsAnAddressOfItsOwn() throws Exception {
        Devices card = create(2);

        assertNotEquals(card.attach("dev0"), card.attach("dev1"));
        assertEquals(List.of("dev0", "dev1"), card.attached());
    }

    @Test
    void aDetachedDeviceLeavesRoomForAnother() throws Exception {
        Devices card = create(1);
        card.attach("dev0");

        card.detach("dev0");

        assertEquals(List.of(), card.attached());
        card.attach("dev1");
        assertEquals(List.of("dev1"), card.attached());
    }

    @Test
    void theSameDeviceTwiceIsInvalidAndChangesNothing() throws Exception {
        Devices card = create(2);
        card.attach("dev0");

        assertEquals(
                ErrorNumber.OPERATION_INVALID,
                assertThrows(VirtException.class, () -> card.attach("dev0")).number());
        assertEquals(List.of("dev0"), card.attached());
    }

    @Test
    void detachingADeviceNotAttachedIsMissing() throws Exception {
        Devices card = create(1);

        assertEquals(
                ErrorNumber.DEVICE_MISSING,
                assertThrows(VirtException.class, () -> card.detach("dev0")).number());
    }

    @Test
    void aFullCardRefusesAnotherDeviceAsFailed() throws Exception {
        Devices card = create(2);
        card.attach("dev0");
        card.attach("dev1");

        assertEquals(
                ErrorNumber.OPERATION_FAILED,
                assertThrows(VirtException.class, () -> card.attach("dev2")).number());
        assertEquals(List.of("dev0", "dev1"), card.attached());
    }
}
