package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.baremetal.pool.CardPools;
import org.metalvirt.baremetal.sim.SimBlockStorage;
import org.metalvirt.baremetal.testing.RecordingRunner;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.TgtTarget;
import org.metalvirt.shim.testing.Virsh;
import org.metalvirt.storage.PoolAuth;
import org.metalvirt.storage.PoolDrivers;

/**
 * virsh over {@code iscsi} pools on a real target (Debian's tgtd on a free loopback port): its
 * LUNs found by discovery and sized through QEMU's initiator, CHAP's password handed over outside
 * argv, and what an iSCSI pool cannot do refused as libvirt refuses it.
 */
class VirshIscsiPoolTest {

    private static final String IQN = "iqn.2026-11.org.metalvirt:primary";
    private static final String CHAP_SECRET = "6f1c9a52-3d4e-4b7a-8e21-5c0d9f7a1b33";
    private static final String WRONG_SECRET = "0b7e4c11-2a9d-4f6e-b385-7d1a2c9e4f60";
    private static final String PASSWORD = "tgt-chap-pass-42";
    private static final long MIB = 1024 * 1024;

    /** The card's real programs, each run recorded. */
    private static final RecordingRunner RUNNER = new RecordingRunner().answering(new ExecCommandRunner()::run);

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(
            new PoolDrivers(CardPools.drivers(RUNNER, VirshIscsiPoolTest::secret, Path.of("/proc/self/mounts"))));

    @TempDir
    Path tmp;

    @Test
    void theTargetsLunsAreThePoolsVolumesAndCannotBeMadeOrRemoved() throws IOException {
        try (TgtTarget target = TgtTarget.start(tmp, IQN, List.of(16 * MIB, 8 * MIB), Optional.empty())) {
            Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
            define(virsh, "luns", target.port());
            virsh.ok("pool-start", "luns");
            String portal = "ip-127.0.0.1:" + target.port() + "-iscsi-" + IQN;
            String volumes = virsh.ok("vol-list", "luns");
            assertTrue(
                    volumes.matches(
                            "(?s).*unit:0:0:1\\s+" + portal + "-lun-1\\s.*unit:0:0:2\\s+" + portal + "-lun-2.*"),
                    volumes);
            assertTrue(
                    virsh.ok("vol-info", "--pool", "luns", "unit:0:0:1").matches("(?s).*Capacity:\\s+16\\.00 MiB.*"));
            assertTrue(virsh.ok("vol-info", "--pool", "luns", "unit:0:0:2").matches("(?s).*Capacity:\\s+8\\.00 MiB.*"));
            assertTrue(
                    virsh.ok("pool-info", "luns").matches("(?s).*Capacity:\\s+24\\.00 MiB.*Available:\\s+0\\.00 B.*"));

            String create = virsh.run("vol-create-as", "luns", "new", "1M").stderr();
            assertTrue(create.contains("storage pool does not support volume creation"), create);
            String delete =
                    virsh.run("vol-delete", "--pool", "luns", "unit:0:0:1").stderr();
            assertTrue(delete.contains("storage pool does not support vol deletion"), delete);

            // A LUN as a volume disk is the target's LUN on the pool's portal, as the card's initiator reaches it.
            virsh.ok(
                    "define",
                    Resources.domainWith(
                                    tmp,
                                    "lun-vol",
                                    "<disk type='volume' device='disk'>"
                                            + "<source pool='luns' volume='unit:0:0:2'/><target dev='vda' bus='virtio'/></disk>")
                            .toString());
            virsh.ok("start", "lun-vol");
            SimBlockStorage card = (SimBlockStorage) DAEMON.node("node0").storage();
            assertEquals(
                    new VirtioBlkDisk(
                            "vda",
                            Optional.empty(),
                            "iscsi",
                            IQN + "/2",
                            List.of("127.0.0.1:" + target.port()),
                            Optional.empty(),
                            false),
                    card.disk("vda").orElseThrow());
            virsh.ok("destroy", "lun-vol");
            virsh.ok("undefine", "lun-vol");
            virsh.ok("pool-destroy", "luns");
            virsh.ok("pool-undefine", "luns");
        }
    }

    @Test
    void chapsPasswordReachesTheTargetOutsideArgvAndAWrongOneLeavesThePoolInactive() throws IOException {
        try (TgtTarget target =
                TgtTarget.start(tmp, IQN, List.of(4 * MIB), Optional.of(new String[] {"card", PASSWORD}))) {
            Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
            defineWithChap(virsh, "chap", target.port(), CHAP_SECRET);
            RUNNER.clear();
            virsh.ok("pool-start", "chap");
            assertTrue(virsh.ok("vol-list", "chap").contains("unit:0:0:1"));
            List<Command> commands = RUNNER.commands();
            assertTrue(
                    commands.stream()
                            .anyMatch(c -> c.argv().get(0).equals("iscsi-ls")
                                    && c.environment().containsKey("LIBISCSI_CHAP_PASSWORD")),
                    commands.toString());
            assertTrue(commands.stream().anyMatch(c -> c.argv().get(0).equals("qemu-img")), commands.toString());
            assertTrue(
                    commands.stream().flatMap(c -> c.argv().stream()).noneMatch(arg -> arg.contains(PASSWORD)),
                    "the password is on no command line");

            defineWithChap(virsh, "wrong", target.port(), WRONG_SECRET);
            String refused = virsh.run("pool-start", "wrong").stderr();
            assertTrue(refused.contains("cannot reach iSCSI target " + IQN), refused);
            assertTrue(virsh.ok("pool-info", "wrong").matches("(?s).*State:\\s+inactive.*"));
            virsh.ok("pool-undefine", "wrong");
            virsh.ok("pool-destroy", "chap");
            virsh.ok("pool-undefine", "chap");
        }
    }

    @Test
    void aPortalNobodyListensOnFailsTheStartWithTheReason() throws IOException {
        int port;
        try (TgtTarget target = TgtTarget.start(tmp, IQN, List.of(MIB), Optional.empty())) {
            port = target.port();
        }
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        define(virsh, "gone", port);
        String error = virsh.run("pool-start", "gone").stderr();
        assertTrue(error.contains("cannot reach iSCSI target " + IQN + " at 127.0.0.1:" + port), error);
        assertTrue(virsh.ok("pool-info", "gone").matches("(?s).*State:\\s+inactive.*"));
        virsh.ok("pool-undefine", "gone");
    }

    private static void define(Virsh virsh, String name, int port) {
        virsh.ok(poolDefineAs(name, port).toArray(String[]::new));
    }

    private static void defineWithChap(Virsh virsh, String name, int port, String secret) {
        List<String> command = poolDefineAs(name, port);
        command.addAll(List.of("--auth-type", "chap", "--auth-username", "card", "--secret-uuid", secret));
        virsh.ok(command.toArray(String[]::new));
    }

    private static List<String> poolDefineAs(String name, int port) {
        return new ArrayList<>(List.of(
                "pool-define-as",
                name,
                "iscsi",
                "--source-host",
                "127.0.0.1:" + port,
                "--source-dev",
                IQN,
                "--target",
                "/dev/disk/by-path"));
    }

    private static byte[] secret(PoolAuth auth) {
        String uuid = auth.uuid().orElse("");
        assertEquals("chap", auth.type());
        return (uuid.equals(CHAP_SECRET) ? PASSWORD : "not-the-password").getBytes(StandardCharsets.UTF_8);
    }
}
