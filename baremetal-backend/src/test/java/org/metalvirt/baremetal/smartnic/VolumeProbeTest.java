package org.metalvirt.baremetal.smartnic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.node.VirtioBlkDisk;

/** What the card finds of a volume under a running server: there, gone, cut short, unreachable. */
class VolumeProbeTest {

    @TempDir
    Path dir;

    @Test
    void anImageFileIsFailedOnceGoneOrShorterThanWhenExported() throws IOException {
        Path image = dir.resolve("disk.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(1 << 20);
        }
        VirtioBlkDisk disk = VirtioBlkDisk.file("vda", Optional.empty(), image.toString(), "raw", false);
        long exported = VolumeProbe.size(disk);
        assertEquals(Optional.empty(), VolumeProbe.failure(disk, exported));

        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(4096);
        }
        assertEquals(
                Optional.of("image file " + image + " was cut from 1048576 to 4096 bytes"),
                VolumeProbe.failure(disk, exported));

        Files.delete(image);
        assertEquals(Optional.of("image file " + image + " is gone"), VolumeProbe.failure(disk, exported));
    }

    @Test
    void anNbdVolumeIsFailedWhenNoServerOfItTakesAConnection() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
            VirtioBlkDisk disk = new VirtioBlkDisk(
                    "vdb", Optional.empty(), "nbd", "vol", List.of("127.0.0.1:" + port), Optional.empty(), false);
            assertEquals(Optional.empty(), VolumeProbe.failure(disk, -1));
        }
        VirtioBlkDisk disk = new VirtioBlkDisk(
                "vdb", Optional.empty(), "nbd", "vol", List.of("127.0.0.1:" + port), Optional.empty(), false);
        String reason = VolumeProbe.failure(disk, -1).orElseThrow();
        assertTrue(reason.startsWith("the nbd server of the volume does not answer: 127.0.0.1:" + port), reason);
    }
}
