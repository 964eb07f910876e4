package org.metalvirt.baremetal.ipmi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.metalvirt.baremetal.testing.IpmiSim;

/**
 * An {@link IpmiSim} whose chassis control is a script: "power on" starts a process standing for
 * the server ({@code sleep}), "power off" kills it, "soft" asks it to stop (SIGTERM, as an OS
 * shutting down), "reset" is logged, the boot device is kept. The ipmitool it is driven with is a
 * wrapper that logs its own argv, as {@code ps} shows it, before exec'ing the real one.
 * {@link #close()} ends ipmi_sim and the server process by their PIDs.
 */
final class ScriptedChassisBmc implements AutoCloseable {

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
    private final String password;
    private IpmiSim sim;

    ScriptedChassisBmc(Path dir, String password) throws IOException {
        this.dir = dir;
        this.password = password;
        Path chassis = IpmiSim.script(dir, "chassis.sh", CHASSIS);
        IpmiSim.script(dir, "ipmitool", WRAPPER);
        this.sim = IpmiSim.start(
                dir, "metalvirt-test", password, List.of("chassis_control \"" + chassis + "\""), List.of());
    }

    /** The BMC restarted: ipmi_sim ended and started again on the same port, every session forgotten. */
    void restart() throws IOException {
        int port = sim.port();
        sim.close();
        sim = IpmiSim.start(
                dir,
                "metalvirt-test",
                password,
                List.of("chassis_control \"" + dir.resolve("chassis.sh") + "\""),
                List.of(),
                port);
    }

    /** ipmitool run directly against the BMC, as a test's witness. */
    String ipmitool(String... args) {
        return sim.ipmitool(args);
    }

    int port() {
        return sim.port();
    }

    Path passwordFile() {
        return sim.passwordFile();
    }

    /** The wrapper standing in for ipmitool. */
    String tool() {
        return dir.resolve("ipmitool").toString();
    }

    /**
     * Settings for the native client: every request answered or given up within 3 s (1 s per
     * attempt: ipmi_sim answers in milliseconds on the loopback, and a forgotten session in nothing).
     */
    IpmiSettings nativeSettings() {
        return SettingsCopy.of(settings())
                .commandTimeout(Duration.ofSeconds(3))
                .client(IpmiSettings.Client.NATIVE)
                .build();
    }

    /** Settings that reach this BMC through the wrapper, with retries and waits short enough for tests. */
    IpmiSettings settings() {
        return SettingsCopy.of(IpmiSettings.of(
                        "127.0.0.1", port(), IpmiSim.USER, Optional.of(passwordFile()), Optional.empty()))
                .tool(tool())
                .commandTimeout(Duration.ofSeconds(15))
                .retries(3, Duration.ofMillis(100))
                .confirm(Duration.ofSeconds(20), Duration.ofMillis(50))
                .watchInterval(Duration.ofMillis(100))
                .client(IpmiSettings.Client.IPMITOOL)
                .build();
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
        return Files.exists(pid)
                ? Optional.of(Long.parseLong(Files.readString(pid).strip()))
                : Optional.empty();
    }

    @Override
    public void close() throws IOException {
        sim.close();
        // The server process was started by the chassis script, not by ipmi_sim: end it by its PID.
        Optional<Long> pid = serverPid();
        if (pid.isPresent()) {
            ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
