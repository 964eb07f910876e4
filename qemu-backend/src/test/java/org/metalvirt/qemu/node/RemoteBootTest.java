package org.metalvirt.qemu.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.qemu.testbed.SerialLog;
import org.metalvirt.qemu.testbed.TestbedSpecs;
import org.metalvirt.qemu.testbed.VolumeServer;

/**
 * The server boots from its remote volume as a bare-metal server does: no kernel is handed to
 * QEMU, its firmware (SeaBIOS) finds the card's virtio-blk disk and runs the volume's MBR, which
 * prints a marker on the serial port. The volume is served by qemu-nbd and exported by the card's
 * storage daemon; the disk is attached while the server is off, as a domain's start does.
 */
class RemoteBootTest {

    private static final String MARKER = "METALVIRT-REMOTE-BOOT-OK";

    @Test
    void seaBiosBootsTheServerFromItsNbdVolume(@TempDir Path state) throws Exception {
        Path image = state.resolve("boot.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(1 << 20);
            file.write(mbr(MARKER + "\r\n"));
        }
        // No kernel and no initrd: the firmware has only the card's disks to boot from.
        QemuNode node = QemuNode.create(
                TestbedSpecs.qemuNode("boot", state, Map.of("kernel", "", "initrd", "", "rootPorts", "1")));
        try (VolumeServer nbd = VolumeServer.nbd(image, "raw", "boot")) {
            NodeDriver driver = node.driver();
            driver.storage()
                    .attach(new VirtioBlkDisk(
                            "root", Optional.empty(), "nbd", "boot", List.of(nbd.host()), Optional.empty(), false));
            SerialLog serial = new SerialLog(node.config().serialLog()).mark();

            driver.power().powerOn();

            String said = serial.awaitConsoleLine(
                    line -> line.contains(MARKER), Duration.ofSeconds(120), "the volume's MBR to run");
            assertTrue(said.contains(MARKER), said);
        } finally {
            node.close();
        }
    }

    /**
     * A 512-byte MBR (16-bit real mode, loaded at 0x7c00) that writes {@code text} to COM1's data
     * port, then halts; it ends with the 0x55 0xAA boot signature the firmware looks for.
     */
    static byte[] mbr(String text) {
        byte[] code = {
            (byte) 0xFC, // cld
            0x31,
            (byte) 0xC0, // xor ax, ax
            (byte) 0x8E,
            (byte) 0xD8, // mov ds, ax
            (byte) 0xBE,
            0x17,
            0x7C, // mov si, 0x7c17 (the text, after this code)
            (byte) 0xBA,
            (byte) 0xF8,
            0x03, // mov dx, 0x3f8 (COM1)
            (byte) 0xAC, // loop: lodsb
            (byte) 0x84,
            (byte) 0xC0, // test al, al
            0x74,
            0x03, // jz done
            (byte) 0xEE, // out dx, al
            (byte) 0xEB,
            (byte) 0xF8, // jmp loop
            (byte) 0xFA, // done: cli
            (byte) 0xF4, // halt: hlt
            (byte) 0xEB,
            (byte) 0xFD // jmp halt
        };
        byte[] sector = new byte[512];
        System.arraycopy(code, 0, sector, 0, code.length);
        byte[] message = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(message, 0, sector, code.length, message.length);
        sector[510] = 0x55;
        sector[511] = (byte) 0xAA;
        return sector;
    }
}
