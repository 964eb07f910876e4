package org.metalvirt.baremetal.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.storage.PoolAuth;
import org.metalvirt.storage.PoolDriver;
import org.metalvirt.storage.PoolFacts;
import org.metalvirt.storage.PoolSource;
import org.metalvirt.storage.SecretValues;
import org.metalvirt.storage.VolumeFacts;

/**
 * An {@code iscsi} or {@code iscsi-direct} pool: the LUNs of one target, found by discovery with
 * QEMU's own initiator library — {@code iscsi-ls} (libiscsi) lists them, {@code qemu-img info}
 * sizes them — because the card's storage daemon reaches them the same way, with no kernel
 * session. A LUN cannot be made or removed from here, as with libvirt's iSCSI backends. CHAP's
 * password goes to {@code iscsi-ls} in its environment and to {@code qemu-img} in a 0600 file.
 */
final class IscsiPool implements PoolDriver {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern TARGET = Pattern.compile("^Target:(\\S+) Portal:");
    private static final Pattern LUN = Pattern.compile("^Lun:(\\d+)\\s+Type:DIRECT_ACCESS");

    private final String type;
    private final CommandRunner runner;
    private final QemuImg qemuImg;
    private final SecretValues secrets;

    IscsiPool(String type, CommandRunner runner, SecretValues secrets) {
        this.type = type;
        this.runner = runner;
        this.qemuImg = new QemuImg(runner);
        this.secrets = secrets;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void start(PoolSource pool) {
        luns(pool);
    }

    @Override
    public PoolFacts refresh(PoolSource pool) {
        List<VolumeFacts> volumes = new ArrayList<>();
        long capacity = 0;
        for (int lun : luns(pool)) {
            VolumeFacts volume = lun(pool, lun);
            volumes.add(volume);
            capacity += volume.capacity();
        }
        // A target's LUNs are all allocated and the target has no room beyond them, as libvirt counts it.
        return new PoolFacts(capacity, capacity, 0, volumes);
    }

    @Override
    public VolumeFacts volume(PoolSource pool, String name) {
        Matcher unit = Pattern.compile("^unit:0:0:(\\d+)$").matcher(name);
        if (!unit.matches() || !luns(pool).contains(Integer.parseInt(unit.group(1)))) {
            throw PoolDriver.noVolume("no storage vol with matching name '" + name + "'");
        }
        return lun(pool, Integer.parseInt(unit.group(1)));
    }

    /** The target's disk LUNs, by REPORT LUNS through {@code iscsi-ls}; a target it does not list fails. */
    List<Integer> luns(PoolSource pool) {
        String iqn = iqn(pool);
        String[] host = pool.host(3260);
        List<String> argv = new ArrayList<>(List.of("iscsi-ls", "-s"));
        pool.initiator().ifPresent(initiator -> argv.addAll(List.of("-i", initiator)));
        String user = pool.auth().map(auth -> chap(auth).username() + "@").orElse("");
        argv.add("iscsi://" + user + host[0] + ":" + host[1]);
        Map<String, String> environment = pool.auth()
                .map(auth -> Map.of("LIBISCSI_CHAP_PASSWORD", new String(secrets.value(auth), StandardCharsets.UTF_8)))
                .orElse(Map.of());
        CommandResult result = runner.run(new Command(argv, environment, TIMEOUT));
        if (!result.succeeded()) {
            throw unreachable(
                    pool, result.timedOut() ? "no answer" : result.stderr().strip());
        }
        List<Integer> luns = new ArrayList<>();
        boolean ours = false;
        boolean found = false;
        for (String line : result.stdout().split("\n")) {
            Matcher target = TARGET.matcher(line);
            if (target.find()) {
                ours = target.group(1).equals(iqn);
                found |= ours;
            }
            Matcher lun = LUN.matcher(line.strip());
            if (ours && lun.find()) {
                luns.add(Integer.parseInt(lun.group(1)));
            }
        }
        if (!found) {
            throw unreachable(pool, "the portal offers no target " + iqn);
        }
        return luns;
    }

    private VolumeFacts lun(PoolSource pool, int lun) {
        String[] host = pool.host(3260);
        String name = "unit:0:0:" + lun;
        String path = "ip-" + host[0] + ":" + host[1] + "-iscsi-" + iqn(pool) + "-lun-" + lun;
        List<String> target = new ArrayList<>(List.of(
                "--image-opts",
                "driver=iscsi,transport=tcp,portal=" + host[0] + ":" + host[1] + ",target=" + iqn(pool) + ",lun="
                        + lun));
        Path passwordFile = null;
        try {
            List<String> options = new ArrayList<>();
            if (pool.auth().isPresent()) {
                passwordFile = secretFile(secrets.value(pool.auth().get()));
                options.addAll(List.of("--object", "secret,id=chap,file=" + passwordFile));
                target.set(1, target.get(1) + ",user=" + chap(pool.auth().get()).username() + ",password-secret=chap");
            }
            pool.initiator().ifPresent(initiator -> target.set(1, target.get(1) + ",initiator-name=" + initiator));
            QemuImg.Info info = qemuImg.info(target, options);
            return new VolumeFacts(name, path, path, "network", "raw", info.virtualSize(), info.virtualSize());
        } finally {
            if (passwordFile != null) {
                passwordFile.toFile().delete();
            }
        }
    }

    private static Path secretFile(byte[] value) {
        try {
            Path file = Files.createTempFile(
                    "metalvirt-chap",
                    "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, value);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a CHAP secret file", e);
        }
    }

    private static PoolAuth chap(PoolAuth auth) {
        if (!auth.type().equals("chap")) {
            throw new VirtException(
                    ErrorNumber.XML_ERROR, ErrorDomain.STORAGE, "XML error: iscsi pool only supports 'chap' auth type");
        }
        return auth;
    }

    private static String iqn(PoolSource pool) {
        return pool.device().orElseThrow(() -> new IllegalStateException("an iSCSI pool names its target"));
    }

    private static VirtException unreachable(PoolSource pool, String reason) {
        return new VirtException(
                ErrorNumber.OPERATION_FAILED,
                ErrorDomain.STORAGE,
                "operation failed: cannot reach iSCSI target " + iqn(pool) + " at " + String.join(",", pool.hosts())
                        + ": " + reason);
    }
}
