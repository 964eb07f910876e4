package org.metalvirt.qemu.testbed;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.metalvirt.qemu.process.QemuCommand;

/**
 * A disk a UEFI server boots as an installed OS's disk is booted, made without root: a GPT whose
 * one partition is an EFI System Partition (FAT, written by mtools) holding the removable-media
 * loader {@code \EFI\BOOT\BOOTX64.EFI} — a standalone GRUB ({@code grub-mkstandalone}, Debian
 * {@code grub-efi-amd64-bin}) — and the testbed guest's kernel and initramfs. GRUB prints a
 * marker line on the console, then boots the guest from the ESP, so it reaches its READY line.
 */
public final class UefiBootVolume {

    private static final long MIB = 1 << 20;
    private static final long SECTOR = 512;
    /** The backup GPT (header and entries) at the disk's end. */
    private static final long BACKUP_GPT_SECTORS = 33;

    private UefiBootVolume() {}

    /** Builds {@code dir/uefi-boot.img} (raw), whose loader prints {@code marker} before booting {@code guest}. */
    public static Path build(Path dir, String marker, TestbedGuest guest) throws IOException {
        Path config = dir.resolve("grub.cfg");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "echo " + marker,
                        "search --no-floppy --file /vmlinuz --set=root",
                        "linux /vmlinuz " + QemuCommand.DEFAULT_APPEND,
                        "initrd /initrd.img",
                        "boot",
                        ""),
                StandardCharsets.US_ASCII);
        Path loader = dir.resolve("BOOTX64.EFI");
        run(
                "grub-mkstandalone",
                "-O",
                "x86_64-efi",
                "--install-modules=normal echo search search_fs_file part_gpt fat linux",
                "--modules=part_gpt fat",
                "--locales=",
                "--fonts=",
                "--themes=",
                "-o",
                loader.toString(),
                "boot/grub/grub.cfg=" + config);

        long payload = Files.size(loader) + Files.size(guest.kernel()) + Files.size(guest.initrd());
        long espSectors = (payload + 2 * MIB) / SECTOR; // room for the FAT and directories
        long first = MIB / SECTOR;
        long last = first + espSectors - 1;
        Path image = dir.resolve("uefi-boot.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength((last + 1 + BACKUP_GPT_SECTORS) * SECTOR);
        }
        run("sgdisk", "-n", "1:" + first + ":" + last, "-t", "1:ef00", "-c", "1:ESP", image.toString());
        String esp = image + "@@" + MIB; // mtools reaches the partition at its offset
        run("mformat", "-i", esp, "-T", Long.toString(espSectors), "-h", "64", "-s", "32", "-v", "ESP", "::");
        run("mmd", "-i", esp, "::/EFI", "::/EFI/BOOT");
        run("mcopy", "-i", esp, loader.toString(), "::/EFI/BOOT/BOOTX64.EFI");
        run("mcopy", "-i", esp, guest.kernel().toString(), "::/vmlinuz");
        run("mcopy", "-i", esp, guest.initrd().toString(), "::/initrd.img");
        return image;
    }

    private static void run(String... command) throws IOException {
        List<String> argv = new ArrayList<>(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("MTOOLS_SKIP_CHECK", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(argv + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + argv, e);
        }
    }
}
