package org.metalvirt.baremetal.smartnic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.board.SimulatedSpdk;
import org.metalvirt.node.testing.AttachmentContract;

/** The attachment contract against the SmartNIC's virtio-blk functions through SPDK's JSON-RPC. */
class SmartNicAttachmentContractTest extends AttachmentContract {

    @TempDir
    Path dir;

    private SimulatedSpdk spdk;

    @Override
    protected Devices create(int capacity) throws Exception {
        spdk = new SimulatedSpdk(dir.resolve("spdk.sock"));
        List<String> functions = new ArrayList<>();
        for (int function = 0; function < capacity; function++) {
            functions.add("0000:3b:00." + function);
        }
        SpdkProvider provider = new SpdkProvider(
                new SpdkRpc(spdk.socket(), Duration.ofSeconds(10)),
                SpdkProvider.Controller.VHOST,
                "iqn.2024-01.org.metalvirt:n1");
        return Devices.of(new SmartNicBlockStorage("n1", functions, provider, dir.resolve("state")));
    }

    @Override
    protected void destroy() throws Exception {
        if (spdk != null) {
            spdk.close();
        }
    }
}
