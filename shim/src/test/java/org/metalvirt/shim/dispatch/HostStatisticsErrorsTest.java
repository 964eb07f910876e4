package org.metalvirt.shim.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_OPEN;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_CPU_MAP;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_CPU_STATS;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_MEMORY_STATS;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Node.GetCpuMapArgs;
import org.metalvirt.shim.protocol.Node.GetCpuMapRet;
import org.metalvirt.shim.protocol.Node.GetCpuStatsArgs;
import org.metalvirt.shim.protocol.Node.GetMemoryStatsArgs;
import org.metalvirt.shim.protocol.Types.RemoteError;

/**
 * A node whose backend measures nothing (no BMC metrics, as with IPMI or GPIO power) answers the
 * host statistics calls as libvirtd answers for a driver without them, never with zeros; the
 * bounds libvirtd checks first come first.
 */
class HostStatisticsErrorsTest {

    private final EmbeddedRpc rpc = EmbeddedRpc.direct();

    @BeforeEach
    void open() {
        rpc.call(CONNECT_OPEN, new OpenArgs(Optional.of("qemu:///system"), 0));
    }

    @AfterEach
    void close() {
        rpc.close();
    }

    @Test
    void cpuAndMemoryStatisticsAreNotSupportedEvenWhenOnlyCounted() {
        RemoteError cpu = rpc.fail(NODE_GET_CPU_STATS, new GetCpuStatsArgs(-1, 0, 0));
        assertEquals(3, cpu.code());
        assertEquals(20, cpu.domain());
        assertEquals(
                Optional.of("this function is not supported by the connection driver: virNodeGetCPUStats"),
                cpu.message());

        RemoteError memory = rpc.fail(NODE_GET_MEMORY_STATS, new GetMemoryStatsArgs(2, -1, 0));
        assertEquals(3, memory.code());
        assertEquals(
                Optional.of("this function is not supported by the connection driver: virNodeGetMemoryStats"),
                memory.message());
    }

    @Test
    void aCpuOrCellTheServerLacksAndTooManyParametersAreRefusedFirst() {
        assertEquals(
                8, rpc.fail(NODE_GET_CPU_STATS, new GetCpuStatsArgs(16, 0, 0)).code());
        assertEquals(
                8,
                rpc.fail(NODE_GET_MEMORY_STATS, new GetMemoryStatsArgs(0, 2, 0)).code());
        RemoteError tooMany = rpc.fail(NODE_GET_CPU_STATS, new GetCpuStatsArgs(-1, 17, 0));
        assertEquals(1, tooMany.code());
        assertEquals(Optional.of("nparams too large"), tooMany.message());
    }

    @Test
    void theCpuMapHasEveryLogicalCpuOnline() {
        GetCpuMapRet map = rpc.call(NODE_GET_CPU_MAP, new GetCpuMapArgs(1, 1, 0));

        assertEquals(16, map.ret());
        assertEquals(16, map.online());
        assertEquals(2, map.cpumap().length);
        assertEquals((byte) 0xff, map.cpumap()[1]);
    }
}
