package org.metalvirt.baremetal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.metalvirt.baremetal.board.SimulatedSpdk;
import org.metalvirt.node.BlockStorage;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * The simulated board's disks: the real SmartNIC storage driver over the SPDK stand-in, which
 * tests read back (what each JSON-RPC request carried), as they read the simulated server.
 */
public final class SimBoardDisks implements BlockStorage, AutoCloseable {

    private final BlockStorage card;
    private final SimulatedSpdk spdk;

    SimBoardDisks(BlockStorage card, SimulatedSpdk spdk) {
        this.card = card;
        this.spdk = spdk;
    }

    /** The SPDK stand-in the driver talks to. */
    public SimulatedSpdk spdk() {
        return spdk;
    }

    @Override
    public String attach(VirtioBlkDisk disk) {
        return card.attach(disk);
    }

    @Override
    public Map<String, String> failures() {
        return card.failures();
    }

    @Override
    public String restore(VirtioBlkDisk disk, String address) {
        return card.restore(disk, address);
    }

    @Override
    public void detach(String id) {
        card.detach(id);
    }

    @Override
    public List<String> attached() {
        return card.attached();
    }

    @Override
    public int capacity() {
        return card.capacity();
    }

    @Override
    public void close() throws IOException {
        spdk.close();
    }
}
