package org.metalvirt.baremetal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.metalvirt.baremetal.sim.Sim.assertVirtError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.VirtioBlkDisk;

class SimBlockStorageTest {

    private static VirtioBlkDisk disk(String id) {
        return new VirtioBlkDisk(
                id,
                Optional.empty(),
                "iscsi",
                "iqn.2024-01.org.metalvirt:vol/0",
                List.of("10.0.0.1:3260"),
                Optional.empty(),
                false);
    }

    @Test
    void disksTakeTheLowestFreeFunctionOnBus3b() {
        SimBlockStorage storage = new SimBlockStorage("n1", SimBlockStorage.DEFAULT_MAX);

        assertEquals("0000:3b:00.0", storage.attach(disk("vda")));
        assertEquals("0000:3b:00.1", storage.attach(disk("vdb")));
        assertEquals("0000:3b:00.2", storage.attach(disk("vdc")));
        storage.detach("vdb");
        assertEquals("0000:3b:00.1", storage.attach(disk("vdd")));

        assertEquals(List.of("vda", "vdd", "vdc"), storage.attached());
    }

    @Test
    void theNinthDiskGoesToTheNextPciDevice() {
        SimBlockStorage storage = new SimBlockStorage("n1", SimBlockStorage.DEFAULT_MAX);
        for (int i = 0; i < 8; i++) {
            storage.attach(disk("d" + i));
        }

        assertEquals("0000:3b:01.0", storage.attach(disk("d8")), "a PCI function number is 0 to 7");
    }

    @Test
    void aDiskIdAlreadyAttachedIsInvalid() {
        SimBlockStorage storage = new SimBlockStorage("n1", 4);
        storage.attach(disk("vda"));

        VirtException e = assertVirtError(ErrorNumber.OPERATION_INVALID, () -> storage.attach(disk("vda")));
        assertEquals("disk 'vda' is already attached to node n1", e.getMessage());
    }

    @Test
    void noMoreThanMaxDisks() {
        SimBlockStorage storage = new SimBlockStorage("n1", 2);
        storage.attach(disk("vda"));
        storage.attach(disk("vdb"));

        VirtException e = assertVirtError(ErrorNumber.OPERATION_FAILED, () -> storage.attach(disk("vdc")));
        assertEquals("no free disk on node n1 (2 in use)", e.getMessage());
        assertEquals(List.of("vda", "vdb"), storage.attached());
    }

    @Test
    void detachingADiskNotAttachedIsDeviceMissing() {
        SimBlockStorage storage = new SimBlockStorage("n1", 2);

        VirtException e = assertVirtError(ErrorNumber.DEVICE_MISSING, () -> storage.detach("vdz"));
        assertEquals("no disk 'vdz' is attached to node n1", e.getMessage());
    }

    @Test
    void concurrentAttachesNeverShareAnAddress() throws Exception {
        SimBlockStorage storage = new SimBlockStorage("n1", SimBlockStorage.DEFAULT_MAX);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> addresses = new ArrayList<>();
            for (int i = 0; i < SimBlockStorage.DEFAULT_MAX; i++) {
                String id = "d" + i;
                addresses.add(pool.submit(() -> storage.attach(disk(id))));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> address : addresses) {
                distinct.add(address.get());
            }
            assertEquals(SimBlockStorage.DEFAULT_MAX, distinct.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
