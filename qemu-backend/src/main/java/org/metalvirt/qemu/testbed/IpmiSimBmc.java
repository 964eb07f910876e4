package org.metalvirt.qemu.testbed;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.metalvirt.qemu.process.MachineConfig;
import org.metalvirt.qemu.process.QemuCommand;
import org.metalvirt.qemu.process.StaleQemu;

/**
 * A real BMC simulator for one QEMU node: OpenIPMI's {@code ipmi_sim} on loopback, whose
 * "power on" runs the node's QEMU (its start command) and whose off/soft/reset reach QEMU through
 * the {@code ipmi-bmc-extern} chardev (the VM codec). {@code ipmitool -I lanplus -C 3} drives it;
 * so does the daemon's IPMI driver with {@link #qemuOptions()}.
 *
 * <p>ipmi_sim does not end its QEMU when it ends, and neither outlives this JVM: both run under a
 * wrapper that ends them when the JVM's pipe closes, {@link #close} ends them, and a shutdown hook
 * does as a last resort.
 */
public final class IpmiSimBmc implements AutoCloseable {

    public static final String USER = "admin";

    /**
     * {@code $1} the pid file of QEMU; the rest is ipmi_sim's argv. On EOF of the JVM's pipe (the
     * JVM is gone) or SIGTERM, ipmi_sim and the QEMU it started are both ended.
     */
    private static final String WRAPPER = String.join("\n",
            "pidfile=$1; shift",
            "exec 3<&0",
            "\"$@\" 0</dev/null 3<&- &",
            "s=$!",
            "stop() { kill -TERM \"$s\" 2>/dev/null; [ -f \"$pidfile\" ] && kill -TERM \"$(cat \"$pidfile\")\" 2>/dev/null; }",
            "{ read -r _ <&3; stop; } &",
            "w=$!",
            "exec 3<&-",
            "trap stop TERM INT HUP",
            "while kill -0 \"$s\" 2>/dev/null; do wait \"$s\"; done",
            "kill \"$w\" 2>/dev/null",
            "exit 0");

    private final Path dir;
    private final MachineConfig machine;
    private final int lanPort;
    private final Path passwordFile;
    private final Process process;
    private final Thread hook;

    private IpmiSimBmc(Path dir, MachineConfig machine, int lanPort, Path passwordFile, Process process) {
        this.dir = dir;
        this.machine = machine;
        this.lanPort = lanPort;
        this.passwordFile = passwordFile;
        this.process = process;
        this.hook = new Thread(this::stop, "ipmi-sim-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts ipmi_sim in {@code dir} for the QEMU {@code machine} describes (power off); returns
     * once it answers ipmitool. The QEMU gets the BMC chardev added to its command line.
     */
    public static IpmiSimBmc start(Path dir, MachineConfig machine) {
        try {
            Files.createDirectories(dir.resolve("state"));
            Files.createDirectories(machine.runDir());
            int lanPort = freeUdpPort();
            int vmPort = freeTcpPort();
            Path password = dir.resolve("password");
            Files.writeString(password, "password\n");
            List<String> argv = new ArrayList<>(QemuCommand.argv(machine, false));
            argv.addAll(List.of("-chardev", "socket,id=ipmi0,host=127.0.0.1,port=" + vmPort + ",reconnect=1",
                    "-device", "ipmi-bmc-extern,id=bmc0,chardev=ipmi0",
                    // Without a system interface on the BMC, QEMU exits as soon as ipmi_sim starts it.
                    "-device", "isa-ipmi-kcs,bmc=bmc0,irq=5"));
            Path start = dir.resolve("start-qemu");
            StringBuilder script = new StringBuilder("#!/bin/sh\n# ipmi_sim's startcmd: power on = this QEMU (exec'd, so ipmi_sim tracks QEMU itself)\n");
            script.append("rm -f '").append(machine.qmpSocket()).append("' '").append(machine.serialSocket()).append("'\n");
            script.append("exec");
            for (String arg : argv) {
                script.append(" '").append(arg.replace("'", "'\\''")).append('\'');
            }
            script.append(" >> '").append(machine.qemuLog()).append("' 2>&1\n");
            Files.writeString(start, script.toString());
            Files.setPosixFilePermissions(start, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dir.resolve("lan.conf"), String.join("\n",
                    "name \"" + machine.name() + "\"",
                    "set_working_mc 0x20",
                    "  startlan 1",
                    "    addr 127.0.0.1 " + lanPort,
                    "    priv_limit admin",
                    "    allowed_auths_callback none md2 md5 straight",
                    "    allowed_auths_user none md2 md5 straight",
                    "    allowed_auths_operator none md2 md5 straight",
                    "    allowed_auths_admin none md2 md5 straight",
                    "    guid a123456789abcdefa123456789abcdef",
                    "  endlan",
                    "  serial 15 127.0.0.1 " + vmPort + " codec VM",
                    "  startcmd \"" + start + "\"",
                    "  startnow false",
                    "  poweroff_wait 20",
                    "  kill_wait 5",
                    "  user 2 true \"" + USER + "\" \"password\" admin 10 none md2 md5 straight",
                    ""));
            Files.writeString(dir.resolve("node.emu"), String.join("\n",
                    "mc_setbmc 0x20",
                    "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr",
                    "sel_enable 0x20 1000 0x0a",
                    "mc_enable 0x20",
                    ""));
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "ipmi-sim-wrapper",
                    machine.pidFile().toString(), "ipmi_sim", "-c", dir.resolve("lan.conf").toString(),
                    "-f", dir.resolve("node.emu").toString(), "-s", dir.resolve("state").toString(), "-n"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ipmi_sim.log").toFile())).start();
            IpmiSimBmc bmc = new IpmiSimBmc(dir, machine, lanPort, password, process);
            bmc.awaitAnswer(Duration.ofSeconds(20));
            return bmc;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start ipmi_sim: " + e.getMessage(), e);
        }
    }

    public int lanPort() {
        return lanPort;
    }

    public MachineConfig machine() {
        return machine;
    }

    /** The qemu backend's options for this node with its power through the daemon's IPMI driver. */
    public Map<String, String> qemuOptions() {
        return Map.of("power", "ipmi", "runDir", machine.runDir().toString(),
                "rootPorts", Integer.toString(machine.rootPorts()),
                "ipmi.address", "127.0.0.1", "ipmi.port", Integer.toString(lanPort), "ipmi.user", USER,
                "ipmi.passwordFile", passwordFile.toString(), "ipmi.pollMillis", "250",
                "ipmi.confirmTimeoutMillis", "30000");
    }

    /** {@code ipmitool -I lanplus -C 3 … args}; its stdout, or an {@code IllegalStateException} on failure. */
    public String ipmitool(String... args) {
        List<String> command = new ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-C", "3", "-H", "127.0.0.1",
                "-p", Integer.toString(lanPort), "-U", USER, "-f", passwordFile.toString()));
        command.addAll(List.of(args));
        try {
            Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
            run.getOutputStream().close();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(30, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException("ipmitool " + String.join(" ", args) + " did not finish");
            }
            if (run.exitValue() != 0) {
                throw new IllegalStateException("ipmitool " + String.join(" ", args) + " failed: " + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ipmitool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running ipmitool", e);
        }
    }

    /** ipmi_sim binds its UDP port a moment after it starts: ask until it answers, bounded. */
    private void awaitAnswer(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                ipmitool("chassis", "power", "status");
                return;
            } catch (IllegalStateException e) {
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    close();
                    throw new IllegalStateException("ipmi_sim in " + dir + " does not answer: " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs stop() too
        }
    }

    private void stop() {
        process.destroy(); // the wrapper's trap ends ipmi_sim and the QEMU it started
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StaleQemu.sweep(machine.pidFile()); // a QEMU that ignored SIGTERM
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
