package org.metalvirt.baremetal.ipmi;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * OpenIPMI's {@code ipmi_sim} on 127.0.0.1, a BMC whose chassis control is a script: "power on"
 * starts a process standing for the server ({@code sleep}), "power off" kills it, "soft" asks it
 * to stop (SIGTERM, as an OS shutting down), "reset" is logged, the boot device is kept. The
 * ipmitool it is driven with is a wrapper that logs its own argv, as {@code ps} shows it, before
 * exec'ing the real one. {@link #close()} ends ipmi_sim and the server process by their PIDs.
 */
final class IpmiSimBmc implements AutoCloseable {

    static final String USER = "admin";

    private static final String CHASSIS = """
            #!/bin/sh
            # ipmi_sim chassis_control program: "$0 get power", "$0 set power 1", "set reset 1",
            # "set shutdown 1", "set boot pxe", "get boot".
            D=$(dirname "$0")
            echo "$*" >> "$D/chassis.log"
            alive() {
                [ -f "$D/server.pid" ] || return 1
                s=$(sed -n 's/^State:[[:space:]]*\\([A-Z]\\).*/\\1/p' "/proc/$(cat "$D/server.pid")/status" 2>/dev/null)
                [ -n "$s" ] && [ "$s" != Z ]
            }
            case "$1 $2" in
            "get power") if alive; then echo "power:1"; else echo "power:0"; fi ;;
            "set power")
                if [ "$3" = 1 ]; then
                    alive || { sleep 100000 </dev/null >/dev/null 2>&1 & echo $! > "$D/server.pid"; }
                elif alive; then
                    kill -KILL "$(cat "$D/server.pid")"
                fi ;;
            "set reset") alive && echo reset >> "$D/server.log" ;;
            "set shutdown") alive && kill -TERM "$(cat "$D/server.pid")" ;;
            "set boot") echo "$3" > "$D/boot" ;;
            "get boot") echo "boot:$(cat "$D/boot" 2>/dev/null || echo default)" ;;
            esac
            exit 0
            """;

    private static final String WRAPPER = """
            #!/bin/sh
            # What ps shows for ipmitool is its argv: log it, then become ipmitool with the same argv.
            echo "ipmitool $*" >> "$(dirname "$0")/argv.log"
            exec ipmitool "$@"
            """;

    private final Path dir;
    private final int port;
    private final Process sim;

    IpmiSimBmc(Path dir, String password) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.port = freeUdpPort();
        Path chassis = executable("chassis.sh", CHASSIS);
        executable("ipmitool", WRAPPER);
        Files.writeString(dir.resolve("lan.conf"), String.join("\n",
                "name \"metalvirt-test\"",
                "set_working_mc 0x20",
                "  startlan 1",
                "    addr 127.0.0.1 " + port,
                "    priv_limit admin",
                "    allowed_auths_callback none md2 md5 straight",
                "    allowed_auths_user none md2 md5 straight",
                "    allowed_auths_operator none md2 md5 straight",
                "    allowed_auths_admin none md2 md5 straight",
                "    guid a123456789abcdefa123456789abcdef",
                "  endlan",
                "  chassis_control \"" + chassis + "\"",
                "  user 2 true \"" + USER + "\" \"" + password + "\" admin 10 none md2 md5 straight",
                ""));
        Files.writeString(dir.resolve("node.emu"), String.join("\n",
                "mc_setbmc 0x20",
                "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr",
                "sel_enable 0x20 1000 0x0a",
                "mc_enable 0x20",
                ""));
        Files.createDirectories(dir.resolve("state"));
        this.sim = new ProcessBuilder("ipmi_sim", "-c", dir.resolve("lan.conf").toString(), "-f",
                dir.resolve("node.emu").toString(), "-s", dir.resolve("state").toString(), "-n")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ipmi_sim.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    private Path executable(String name, String content) throws IOException {
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

    int port() {
        return port;
    }

    /** The wrapper standing in for ipmitool. */
    String tool() {
        return dir.resolve("ipmitool").toString();
    }

    List<String> argvLog() throws IOException {
        Path log = dir.resolve("argv.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    List<String> serverLog() throws IOException {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    String bootDevice() throws IOException {
        return Files.readString(dir.resolve("boot"), StandardCharsets.US_ASCII).strip();
    }

    Optional<Long> serverPid() throws IOException {
        Path pid = dir.resolve("server.pid");
        return Files.exists(pid) ? Optional.of(Long.parseLong(Files.readString(pid).strip())) : Optional.empty();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        sim.destroy();
        if (!sim.waitFor(10, TimeUnit.SECONDS)) {
            sim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // The server process was started by the chassis script, not by ipmi_sim: end it by its PID.
        Optional<Long> pid = serverPid();
        if (pid.isPresent()) {
            ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
