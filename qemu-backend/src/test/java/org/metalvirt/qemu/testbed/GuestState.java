package org.metalvirt.qemu.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * What the guest reported in one {@code TB STATE … TB END} block: its virtio disks, NICs and
 * PCI functions.
 */
public record GuestState(int seq, List<Disk> disks, List<Nic> nics, List<String> pciFunctions) {

    /** {@code TB DISK vda serial=S pci=… sectors=N ro=0|1} */
    public record Disk(String name, String serial, String pci, long sectors, boolean readOnly) {}

    /** {@code TB NIC eth0 mac=M pci=…} */
    public record Nic(String name, String mac, String pci) {}

    public GuestState {
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        pciFunctions = List.copyOf(pciFunctions);
    }

    public java.util.Optional<Disk> diskWithSerial(String serial) {
        return disks.stream().filter(disk -> disk.serial().equals(serial)).findFirst();
    }

    /** The disk on PCI function {@code pci}: a card's disk is known by the function it gave the server. */
    public java.util.Optional<Disk> diskAt(String pci) {
        return disks.stream().filter(disk -> disk.pci().equals(pci)).findFirst();
    }

    public java.util.Optional<Nic> nicWithMac(String mac) {
        return nics.stream().filter(nic -> nic.mac().equalsIgnoreCase(mac)).findFirst();
    }

    /** Parses the lines between {@code TB STATE seq=N} and {@code TB END seq=N}, both excluded. */
    static GuestState parse(int seq, List<String> lines) {
        List<Disk> disks = new ArrayList<>();
        List<Nic> nics = new ArrayList<>();
        List<String> pci = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.split(" ");
            if (words.length < 3) {
                continue;
            }
            switch (words[1]) {
                case "DISK" ->
                    disks.add(new Disk(
                            words[2],
                            field(words, "serial"),
                            field(words, "pci"),
                            field(words, "sectors").matches("\\d+") ? Long.parseLong(field(words, "sectors")) : -1,
                            field(words, "ro").equals("1")));
                case "NIC" -> nics.add(new Nic(words[2], field(words, "mac"), field(words, "pci")));
                case "PCI" -> pci.add(words[2]);
                default -> {
                    // other report lines are for people
                }
            }
        }
        return new GuestState(seq, disks, nics, pci);
    }

    private static String field(String[] words, String key) {
        for (String word : words) {
            if (word.startsWith(key + "=")) {
                return word.substring(key.length() + 1);
            }
        }
        return "-";
    }
}
