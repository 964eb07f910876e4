package org.metalvirt.node;

/**
 * The server's processor package layout, as the firmware reports it.
 *
 * @param vendor         CPU vendor as libvirt names it ({@code Intel}, {@code AMD}, {@code ARM})
 * @param model          CPU model name as libvirt's CPU map names it ({@code Skylake-Server})
 * @param mhz            nominal frequency
 * @param sockets        populated sockets
 * @param coresPerSocket cores in each socket
 * @param threadsPerCore hardware threads in each core
 */
public record CpuTopology(String vendor, String model, int mhz, int sockets, int coresPerSocket, int threadsPerCore) {

    public CpuTopology {
        Checks.positive("sockets", sockets);
        Checks.positive("coresPerSocket", coresPerSocket);
        Checks.positive("threadsPerCore", threadsPerCore);
        Checks.positive("mhz", mhz);
    }

    /** Logical CPUs the server's OS sees. */
    public int logicalCpus() {
        return sockets * coresPerSocket * threadsPerCore;
    }
}
