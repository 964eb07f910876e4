package org.metalvirt.baremetal.ipmi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.exec.ExecCommandRunner;
import org.metalvirt.baremetal.testing.IpmiSim;
import org.metalvirt.node.PowerState;

/**
 * By hand, not in the test run: the CPU one power read costs the daemon, on the native client's open
 * session and through an ipmitool process, against ipmi_sim on the loopback. Prints, asserts nothing.
 * {@code mvn -o -pl baremetal-backend -am test -Dtest=IpmiReadCpuBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench=ipmi [-Dreads=10000]}
 */
@EnabledIfSystemProperty(named = "bench", matches = "ipmi")
class IpmiReadCpuBench {

    @TempDir
    Path dir;

    @Test
    void cpuPerPowerRead() throws IOException {
        int reads = Integer.getInteger("reads", 10_000);
        int forks = Integer.getInteger("forks", 200);
        // No chassis script: ipmi_sim answers Get Chassis Status itself, so its own cost stays small.
        try (IpmiSim sim = IpmiSim.start(dir, "bench", "bench-pw", List.of(), List.of())) {
            IpmiSettings base = IpmiSettings.of(
                    "127.0.0.1", sim.port(), IpmiSim.USER, Optional.of(sim.passwordFile()), Optional.empty());
            try (NativeIpmiClient client = new NativeIpmiClient(base)) {
                for (int i = 0; i < 2_000; i++) { // warm up: JIT, the session
                    client.power();
                }
                var threads = ManagementFactory.getThreadMXBean();
                long process = processCpu();
                long thread = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                for (int i = 0; i < reads; i++) {
                    if (client.power() == PowerState.UNKNOWN) {
                        throw new IllegalStateException();
                    }
                }
                long threadCpu = threads.getCurrentThreadCpuTime() - thread;
                long processCpu = processCpu() - process;
                long wallTime = System.nanoTime() - wall;
                System.out.printf(
                        "native: %d reads, thread CPU %.1f us/read, JVM CPU %.1f us/read, wall %.1f us/read%n",
                        reads, threadCpu / 1e3 / reads, processCpu / 1e3 / reads, wallTime / 1e3 / reads);
            }
            IpmitoolClient ipmitool = new IpmitoolClient(
                    SettingsCopy.of(base).client(IpmiSettings.Client.IPMITOOL).build(), new ExecCommandRunner());
            for (int i = 0; i < 5; i++) {
                ipmitool.power();
            }
            long process = processCpu();
            long[] children = childrenCpu();
            long wall = System.nanoTime();
            for (int i = 0; i < forks; i++) {
                ipmitool.power();
            }
            long processCpu = processCpu() - process;
            long[] after = childrenCpu();
            long wallTime = System.nanoTime() - wall;
            double tick = 1e9 / 100; // USER_HZ
            double child = ((after[0] - children[0]) + (after[1] - children[1])) * tick;
            System.out.printf(
                    "ipmitool: %d reads, JVM CPU %.1f us/read, ipmitool's own CPU %.1f us/read, wall %.1f us/read%n",
                    forks, processCpu / 1e3 / forks, child / 1e3 / forks, wallTime / 1e3 / forks);
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** cutime and cstime of /proc/self/stat: the CPU of reaped children, in clock ticks. */
    private static long[] childrenCpu() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[13]), Long.parseLong(fields[14])};
    }
}
