package org.metalvirt.qemu.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.node.BootDevice;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.qemu.testbed.SerialLog;
import org.metalvirt.qemu.testbed.TestbedGuest;
import org.metalvirt.qemu.testbed.TestbedSpecs;
import org.metalvirt.qemu.testbed.UefiBootVolume;
import org.metalvirt.qemu.testbed.VolumeServer;

/**
 * The server boots from its remote volume as a bare-metal server does: no kernel is handed to
 * QEMU, its firmware finds the card's virtio-blk disk and boots it — SeaBIOS runs the volume's
 * MBR, which prints a marker on the serial port; OVMF, when the boot mode asked is UEFI, runs the
 * ESP's loader, which prints its marker and boots the guest from the ESP. The volume is served by
 * qemu-nbd and exported by the card's storage daemon; the boot mode is set and the disk attached
 * while the server is off, as a domain's start does.
 */
class RemoteBootTest {

    private static final String MARKER = "METALVIRT-REMOTE-BOOT-OK";
    private static final String UEFI_MARKER = "METALVIRT-UEFI-BOOT-OK";

    @Test
    void seaBiosBootsTheServerFromItsNbdVolume(@TempDir Path state) throws Exception {
        Path image = state.resolve("boot.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(1 << 20);
            file.write(mbr(MARKER + "\r\n"));
        }
        // No boot mode asked: SeaBIOS, as QEMU without <os firmware>.
        boot(state, image, Optional.empty(), (node, serial) -> {
            String said = serial.awaitConsoleLine(
                    line -> line.contains(MARKER), Duration.ofSeconds(120), "the volume's MBR to run");
            assertTrue(said.contains(MARKER), said);
        });
    }

    @Test
    void ovmfBootsTheServerFromItsNbdVolumeWhenUefiIsAsked(@TempDir Path state) throws Exception {
        Path image = UefiBootVolume.build(state, UEFI_MARKER, TestbedGuest.get());
        boot(state, image, Optional.of(FirmwareMode.EFI), (node, serial) -> {
            String said = serial.awaitConsoleLine(
                    line -> line.contains(UEFI_MARKER), Duration.ofSeconds(180), "the ESP's loader to run");
            assertTrue(said.contains(UEFI_MARKER), said);
            serial.awaitReady(Duration.ofSeconds(180)); // the guest, loaded from the volume by GRUB
            assertTrue(Files.size(node.config().uefiVars()) > 0, "the node's own UEFI variable store");
        });
    }

    /** What the test reads from the booting server. */
    private interface Booting {
        void check(QemuNode node, SerialLog serial) throws Exception;
    }

    /**
     * Powers on a node with no kernel (the firmware has only the card's disks to boot from) whose
     * one disk is {@code image} served over NBD, with the boot mode {@code mode} set first.
     */
    private static void boot(Path state, Path image, Optional<FirmwareMode> mode, Booting booting) throws Exception {
        QemuNode node = QemuNode.create(
                TestbedSpecs.qemuNode("boot", state, Map.of("kernel", "", "initrd", "", "rootPorts", "1")));
        try (VolumeServer nbd = VolumeServer.nbd(image, "raw", "boot")) {
            NodeDriver driver = node.driver();
            driver.boot().setBoot(List.of(BootDevice.DISK), mode);
            driver.storage()
                    .attach(new VirtioBlkDisk(
                            "root", Optional.empty(), "nbd", "boot", List.of(nbd.host()), Optional.empty(), false));
            SerialLog serial = new SerialLog(node.config().serialLog()).mark();

            driver.power().powerOn();

            booting.check(node, serial);
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
