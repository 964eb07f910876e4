package org.metalvirt.baremetal.smartnic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.node.VirtioBlkDisk;

/**
 * metalvirtd restarted (its storage daemon ended with it, a new one starts empty): the card's disk
 * record is what the new storage daemon exports, nothing; the running server's disk is given back
 * on the function the server has it at, not the lowest free one.
 */
class StorageDaemonRestartTest {

    private static final List<String> FUNCTIONS = List.of("0000:3b:00.2", "0000:3b:00.3");

    @TempDir
    Path dir;

    private StorageDaemonProvider provider() {
        return new StorageDaemonProvider(
                "n1", "qemu-storage-daemon", dir.resolve("sd"), Duration.ofSeconds(30), "iqn.2024-01.org.metalvirt:n1");
    }

    private VirtioBlkDisk disk(String id) throws IOException {
        Path image = dir.resolve(id + ".img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(1 << 20);
        }
        return VirtioBlkDisk.file(id, Optional.empty(), image.toString(), "raw", false);
    }

    @Test
    void aRestartedDaemonsCardHasNoDiskUntilItIsGivenBackOnItsFunction() throws IOException {
        VirtioBlkDisk first = disk("first");
        VirtioBlkDisk second = disk("second");
        try (StorageDaemonProvider before = provider()) {
            SmartNicBlockStorage disks = new SmartNicBlockStorage("n1", FUNCTIONS, before, dir.resolve("state"));
            disks.attach(first);
            assertEquals(FUNCTIONS.get(1), disks.attach(second));
            disks.detach("first"); // the server has "second" on its second function only
        } // the storage daemon ends, as with metalvirtd

        try (StorageDaemonProvider after = provider()) {
            SmartNicBlockStorage disks = new SmartNicBlockStorage("n1", FUNCTIONS, after, dir.resolve("state"));
            assertEquals(List.of(), disks.attached(), "the new storage daemon exports nothing yet");

            assertEquals(FUNCTIONS.get(1), disks.restore(second, FUNCTIONS.get(1)));

            assertEquals(List.of("second"), disks.attached());
            assertTrue(listening(after.socket(1)), "the export of the second function is back");
            assertEquals(FUNCTIONS.get(0), disks.attach(first), "a new disk takes the free function");
        }
    }

    private static boolean listening(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket)) && Files.exists(socket);
        } catch (IOException e) {
            return false;
        }
    }
}
