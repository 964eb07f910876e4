package org.metalvirt.baremetal.smartnic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.Failures;
import org.metalvirt.node.DiskCredentials;
import org.metalvirt.node.VirtioBlkDisk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * virtio-blk through the kernel's vDPA framework: the volume is attached on the card with the
 * protocol's own tool (iscsiadm, nvme-cli, rbd), then {@code vdpa dev add} creates the device on
 * the function's management device ({@code pci/<function>}), whose driver serves the attached
 * volume to the host. Removal runs the same steps backwards.
 */
public final class VdpaProvider implements VirtioBlkProvider {

    private static final Logger LOG = LoggerFactory.getLogger(VdpaProvider.class);
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final CommandRunner runner;
    private final List<String> functions;

    /** @param functions the PCI addresses of the emulated functions, by slot */
    public VdpaProvider(CommandRunner runner, List<String> functions) {
        this.runner = runner;
        this.functions = List.copyOf(functions);
    }

    @Override
    public Exposed expose(int slot, VirtioBlkDisk disk) {
        String volume = attachVolume(disk);
        String device = Volumes.name("mvblk", Integer.toString(slot));
        try {
            run("vdpa", "dev", "add", "name", device, "mgmtdev", "pci/" + functions.get(slot));
        } catch (RuntimeException e) {
            detachVolume(disk.protocol(), volume);
            throw e;
        }
        return new Exposed(slot, disk.protocol(), volume, device);
    }

    @Override
    public void remove(Exposed exposed) {
        run("vdpa", "dev", "del", exposed.device());
        detachVolume(exposed.protocol(), exposed.volume());
    }

    /** Returns what names the attachment for its detach. */
    private String attachVolume(VirtioBlkDisk disk) {
        switch (disk.protocol()) {
            case "iscsi" -> {
                String[] host = Volumes.host(disk, 3260);
                String portal = host[0] + ":" + host[1];
                String iqn = Volumes.iscsiTarget(disk)[0];
                if (Volumes.credentials(disk).isPresent()) {
                    throw Failures.unsupported("disk '" + disk.id() + "': iscsiadm takes a CHAP password only on its"
                            + " command line, where any user of the card could read it; use the SPDK provider");
                }
                run("iscsiadm", "-m", "discovery", "-t", "sendtargets", "-p", portal);
                run("iscsiadm", "-m", "node", "-T", iqn, "-p", portal, "--login");
                return portal + " " + iqn;
            }
            case "nvme-of" -> {
                String[] host = Volumes.host(disk, 4420);
                run("nvme", "connect", "-t", "tcp", "-a", host[0], "-s", host[1], "-n", disk.target());
                return disk.target();
            }
            case "rbd" -> {
                List<String> argv = new ArrayList<>(List.of("rbd", "map", disk.target()));
                if (!disk.hosts().isEmpty()) {
                    argv.addAll(List.of("-m", String.join(",", disk.hosts())));
                }
                if (disk.readOnly()) {
                    argv.add("--read-only");
                }
                Optional<DiskCredentials> auth = Volumes.credentials(disk);
                if (auth.isEmpty()) {
                    run(argv.toArray(String[]::new));
                    return disk.target();
                }
                // cephx: the key in a file only the daemon reads, for the length of the map, never in argv.
                auth.get().username().ifPresent(user -> argv.addAll(List.of("--id", user)));
                try (KeyFile key = KeyFile.holding(auth.get().base64())) {
                    argv.addAll(List.of("--keyfile", key.path().toString()));
                    run(argv.toArray(String[]::new));
                }
                return disk.target();
            }
            case "block" -> {
                return disk.target();
            }
            default -> throw Failures.unsupported("the vDPA provider cannot attach " + disk.protocol() + " volumes");
        }
    }

    private void detachVolume(String protocol, String volume) {
        switch (protocol) {
            case "iscsi" -> {
                String[] parts = volume.split(" ", 2);
                run("iscsiadm", "-m", "node", "-T", parts[1], "-p", parts[0], "--logout");
            }
            case "nvme-of" -> run("nvme", "disconnect", "-n", volume);
            case "rbd" -> run("rbd", "unmap", volume);
            default -> {
                // a local block device stays where it is
            }
        }
    }

    private void run(String... argv) {
        Command command = Command.of(TIMEOUT, argv);
        LOG.debug("vdpa provider: {}", command);
        runner.check(command);
    }
}
