package org.metalvirt.qemu.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.metalvirt.baremetal.process.StaleProcess;
import org.metalvirt.baremetal.testing.IpmiSim;
import org.metalvirt.qemu.process.MachineConfig;
import org.metalvirt.qemu.process.QemuCommand;

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

    /**
     * {@code $1} the pid file of QEMU; the rest is ipmi_sim's argv. On EOF of the JVM's pipe (the
     * JVM is gone) or SIGTERM, ipmi_sim and the QEMU it started are both ended.
     */
    private static final String WRAPPER = String.join(
            "\n",
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

    private final MachineConfig machine;
    private final IpmiSim sim;
    private final Thread hook;

    private IpmiSimBmc(MachineConfig machine, IpmiSim sim) {
        this.machine = machine;
        this.sim = sim;
        this.hook = new Thread(this::stop, "ipmi-sim-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts ipmi_sim in {@code dir} for the QEMU {@code machine} describes (power off); returns
     * once it answers ipmitool. The QEMU gets the BMC chardev added to its command line.
     */
    public static IpmiSimBmc start(Path dir, MachineConfig machine) {
        try {
            Files.createDirectories(machine.runDir());
            int vmPort = freeTcpPort();
            List<String> argv = new ArrayList<>(QemuCommand.argv(machine, false));
            argv.addAll(List.of(
                    "-chardev",
                    "socket,id=ipmi0,host=127.0.0.1,port=" + vmPort + ",reconnect=1",
                    "-device",
                    "ipmi-bmc-extern,id=bmc0,chardev=ipmi0",
                    // Without a system interface on the BMC, QEMU exits as soon as ipmi_sim starts it.
                    "-device",
                    "isa-ipmi-kcs,bmc=bmc0,irq=5"));
            StringBuilder script = new StringBuilder(
                    "#!/bin/sh\n# ipmi_sim's startcmd: power on = this QEMU (exec'd, so ipmi_sim tracks QEMU itself)\n");
            script.append("rm -f '")
                    .append(machine.qmpSocket())
                    .append("' '")
                    .append(machine.serialSocket())
                    .append("'\n");
            script.append("exec");
            for (String arg : argv) {
                script.append(" '").append(arg.replace("'", "'\\''")).append('\'');
            }
            script.append(" >> '").append(machine.qemuLog()).append("' 2>&1\n");
            Path start = IpmiSim.script(dir, "start-qemu", script.toString());
            IpmiSim sim = IpmiSim.start(
                    dir,
                    machine.name(),
                    "password",
                    List.of(
                            "serial 15 127.0.0.1 " + vmPort + " codec VM",
                            "startcmd \"" + start + "\"",
                            "startnow false",
                            "poweroff_wait 20",
                            "kill_wait 5"),
                    List.of(
                            "/bin/sh",
                            "-c",
                            WRAPPER,
                            "ipmi-sim-wrapper",
                            machine.pidFile().toString()));
            return new IpmiSimBmc(machine, sim);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start ipmi_sim: " + e.getMessage(), e);
        }
    }

    public int lanPort() {
        return sim.port();
    }

    public MachineConfig machine() {
        return machine;
    }

    /** The qemu backend's options for this node with its power through the daemon's IPMI driver. */
    public Map<String, String> qemuOptions() {
        return Map.of(
                "power",
                "ipmi",
                "runDir",
                machine.runDir().toString(),
                "rootPorts",
                Integer.toString(machine.rootPorts()),
                "ipmi.address",
                "127.0.0.1",
                "ipmi.port",
                Integer.toString(sim.port()),
                "ipmi.user",
                IpmiSim.USER,
                "ipmi.passwordFile",
                sim.passwordFile().toString(),
                "ipmi.confirmTimeoutMillis",
                "30000");
    }

    /** {@code ipmitool -I lanplus -C 3 … args}; its stdout, or an {@code IllegalStateException} on failure. */
    public String ipmitool(String... args) {
        return sim.ipmitool(args);
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
        sim.close(); // the wrapper's trap ends ipmi_sim and the QEMU it started
        StaleProcess.sweep(machine.pidFile()); // a QEMU that ignored SIGTERM
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
