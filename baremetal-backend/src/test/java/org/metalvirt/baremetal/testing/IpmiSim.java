package org.metalvirt.baremetal.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * OpenIPMI's {@code ipmi_sim} (Debian {@code openipmi}) on 127.0.0.1 at a free UDP port: one BMC
 * with user {@link #USER} and a password file, answering {@code ipmitool -I lanplus -C 3}. What its
 * chassis does is the caller's: a {@code chassis_control} script, or a {@code startcmd} that runs
 * a QEMU. {@link #start} returns once the BMC answers; {@link #close} ends the process it started.
 */
public final class IpmiSim implements AutoCloseable {

    public static final String USER = "admin";

    private final int port;
    private final Path passwordFile;
    private final Process process;

    private IpmiSim(int port, Path passwordFile, Process process) {
        this.port = port;
        this.passwordFile = passwordFile;
        this.process = process;
    }

    /**
     * Writes ipmi_sim's configuration in {@code dir}, with {@code chassis} lines (chassis control,
     * start command…) inside its LAN section, and runs {@code launcher} followed by ipmi_sim's argv.
     */
    public static IpmiSim start(Path dir, String name, String password, List<String> chassis, List<String> launcher)
            throws IOException {
        return start(dir, name, password, chassis, launcher, freeUdpPort());
    }

    /** As {@link #start(Path, String, String, List, List)} on a given port: a BMC started again where it was. */
    public static IpmiSim start(
            Path dir, String name, String password, List<String> chassis, List<String> launcher, int port)
            throws IOException {
        Files.createDirectories(dir.resolve("state"));
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        List<String> lan = new ArrayList<>(List.of(
                "name \"" + name + "\"",
                "set_working_mc 0x20",
                "  startlan 1",
                "    addr 127.0.0.1 " + port,
                "    priv_limit admin",
                "    allowed_auths_callback none md2 md5 straight",
                "    allowed_auths_user none md2 md5 straight",
                "    allowed_auths_operator none md2 md5 straight",
                "    allowed_auths_admin none md2 md5 straight",
                "    guid a123456789abcdefa123456789abcdef",
                "  endlan"));
        chassis.forEach(line -> lan.add("  " + line));
        lan.add("  user 2 true \"" + USER + "\" \"" + password + "\" admin 10 none md2 md5 straight");
        lan.add("");
        Files.writeString(dir.resolve("lan.conf"), String.join("\n", lan));
        Files.writeString(
                dir.resolve("node.emu"),
                String.join(
                        "\n",
                        "mc_setbmc 0x20",
                        "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr",
                        "sel_enable 0x20 1000 0x0a",
                        "mc_enable 0x20",
                        ""));
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                "ipmi_sim",
                "-c",
                dir.resolve("lan.conf").toString(),
                "-f",
                dir.resolve("node.emu").toString(),
                "-s",
                dir.resolve("state").toString(),
                "-n"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("ipmi_sim.log").toFile()))
                .redirectInput(
                        launcher.isEmpty()
                                ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                                : ProcessBuilder.Redirect.PIPE)
                .start();
        IpmiSim sim = new IpmiSim(port, passwordFile, process);
        try {
            // ipmi_sim binds its UDP port a moment after it starts.
            await("ipmi_sim in " + dir + " answering")
                    .atMost(Duration.ofSeconds(20))
                    .pollDelay(Duration.ZERO)
                    .ignoreExceptions()
                    .failFast("ipmi_sim ended", () -> !process.isAlive())
                    .until(() -> sim.ipmitool("chassis", "power", "status") != null);
        } catch (RuntimeException | Error e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    public int port() {
        return port;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    /** The process started: the launcher's, or ipmi_sim's without one. */
    public Process process() {
        return process;
    }

    /** {@code ipmitool -I lanplus -C 3 … args}; its stdout, or an {@code IllegalStateException} on failure. */
    public String ipmitool(String... args) {
        List<String> command = new ArrayList<>(List.of(
                "ipmitool",
                "-I",
                "lanplus",
                "-C",
                "3",
                "-H",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                USER,
                "-f",
                passwordFile.toString()));
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

    /** Ends the process started (a launcher's trap ends what it runs), forcibly after 10 s. */
    @Override
    public void close() {
        // Scripts ipmi_sim is running (a chassis "get power") would outlive it and go on writing in
        // its directory, which the test is about to delete: they end with it, and are waited for.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.destroyForcibly();
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a script of ipmi_sim did not end", e);
        }
    }

    /** Writes an executable script into {@code dir}, such as a chassis control or start command. */
    public static Path script(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
