package org.metalvirt.qemu.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The QEMU command line of a node: q35 under TCG (KVM is not usable on the testbed machines),
 * no default devices, QMP and the serial console on Unix sockets in the run directory, and
 * {@code rootPorts} empty {@code pcie-root-port}s for hot-plug (q35's pcie.0 refuses hot-plug, and
 * a root port takes one device). No {@code -no-reboot}: a guest reboot or {@code system_reset}
 * restarts the same process, as a server's reset line does; a guest poweroff ends it.
 */
public final class QemuCommand {

    /**
     * The kernel command line of a direct kernel boot unless the node says otherwise. {@code no_timer_check}:
     * at boot Linux checks that the timer interrupt ticks a few times within a delay measured in host time,
     * and panics ("IO-APIC + timer doesn't work!") when it does not; under TCG on a loaded host the vCPU gets
     * too little of that time, so a sound machine fails the check now and then. Linux skips the check
     * itself on KVM and Hyper-V for the same reason; under TCG it has to be told.
     */
    public static final String DEFAULT_APPEND = "console=ttyS0 quiet no_timer_check";

    private QemuCommand() {}

    /** The argv with QEMU's own firmware (SeaBIOS). */
    public static List<String> argv(MachineConfig config, boolean paused) {
        return argv(config, paused, Optional.empty());
    }

    /**
     * The argv; {@code paused} adds {@code -S}, so devices can be plugged before the firmware runs;
     * {@code uefi} replaces SeaBIOS with OVMF on the two pflash units.
     */
    public static List<String> argv(MachineConfig config, boolean paused, Optional<Uefi> uefi) {
        List<String> argv = new ArrayList<>(List.of(
                config.binary(),
                "-name",
                "guest=" + escape(config.name()),
                // Guest RAM shared with the card's storage daemon, which vhost-user disks need.
                "-machine",
                "q35,memory-backend=mem",
                "-object",
                "memory-backend-memfd,id=mem,size=" + config.memoryMiB() + "M,share=on",
                "-accel",
                "tcg",
                "-m",
                Integer.toString(config.memoryMiB()),
                "-smp",
                Integer.toString(config.cpus()),
                "-nodefaults",
                "-no-user-config",
                "-display",
                "none",
                "-uuid",
                config.uuid().toString(),
                "-smbios",
                "type=1,manufacturer=" + escape(config.manufacturer()) + ",product=" + escape(config.product())
                        + ",serial=" + escape(config.serial()),
                "-pidfile",
                config.pidFile().toString(),
                "-qmp",
                "unix:" + escape(config.qmpSocket().toString()) + ",server=on,wait=off",
                "-chardev",
                "socket,id=ser0,path=" + escape(config.serialSocket().toString()) + ",server=on,wait=off,logfile="
                        + escape(config.serialLog().toString()) + ",logappend=on",
                "-serial",
                "chardev:ser0"));
        uefi.ifPresent(firmware -> argv.addAll(List.of(
                "-drive",
                "if=pflash,format=raw,unit=0,readonly=on,file="
                        + escape(firmware.code().toString()),
                "-drive",
                "if=pflash,format=raw,unit=1,file=" + escape(firmware.vars().toString()))));
        if (config.kernel().isPresent()) {
            argv.addAll(List.of("-kernel", config.kernel().get().toString()));
            config.initrd().ifPresent(initrd -> argv.addAll(List.of("-initrd", initrd.toString())));
            argv.addAll(List.of("-append", config.append()));
        }
        config.disk()
                .ifPresent(disk -> argv.addAll(List.of(
                        "-drive",
                        "file=" + escape(disk.toString()) + ",if=none,id=boot0",
                        "-device",
                        "virtio-blk-pci,drive=boot0,bootindex=1")));
        for (int port = 1; port <= config.rootPorts(); port++) {
            argv.addAll(List.of(
                    "-device",
                    "pcie-root-port,id=" + MachineConfig.rootPortId(port)
                            + ",bus=pcie.0,chassis=" + port + ",slot=" + port
                            + ",addr=" + String.format("0x%x", 0x0f + port)));
        }
        if (paused) {
            argv.add("-S");
        }
        argv.addAll(config.extraArgs());
        return argv;
    }

    /** QEMU's option syntax: a comma inside a value is written twice. */
    static String escape(String value) {
        return value.replace(",", ",,");
    }
}
