package org.metalvirt.shim.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Domain.DefineXmlFlagsArgs;
import org.metalvirt.shim.protocol.Domain.LookupByNameArgs;
import org.metalvirt.shim.protocol.ProcedureTable;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.testing.TestHosts;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole call through the daemon's real pipeline (frame decoder, authorization, flag check,
 * handler, reply encoder) on an {@link EmbeddedChannel}, handlers run on the calling thread:
 * what a call costs the daemon without its sockets and thread hand-offs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// As the daemon runs: Netty's leak detector off (metalvirtd's main turns it off; tests keep it).
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class DispatchBenchmark {

    private EmbeddedChannel channel;
    private ByteBuf getVersion;
    private ByteBuf lookup;

    @Setup
    public void setUp() {
        Programs programs = new Programs()
                .serve(Program.REMOTE, TestHosts.table())
                .serve(Program.QEMU, new DriverTable(ProcedureTable.empty()));
        DispatchLimits limits = DispatchLimits.DEFAULT;
        channel = new EmbeddedChannel(new RpcPipeline(
                programs,
                new Workers(Runnable::run, Runnable::run),
                limits,
                new WireStats(),
                new ServerClients("libvirtd", limits.maxClients(), 20),
                new ClientSlots(limits),
                Listener.plain(Transport.TCP, false, ListenerAuth.NONE),
                peer -> true));
        roundTrip(Wire.call(RemoteProcedures.CONNECT_OPEN, 1, new OpenArgs(Optional.of("qemu:///system"), 0)));
        roundTrip(Wire.call(
                RemoteProcedures.DOMAIN_DEFINE_XML_FLAGS,
                2,
                new DefineXmlFlagsArgs(
                        "<domain type='kvm'><name>bench</name><memory>1048576</memory><vcpu>1</vcpu>"
                                + "<os><type arch='x86_64'>hvm</type></os></domain>",
                        0)));
        getVersion = Wire.call(RemoteProcedures.CONNECT_GET_VERSION, 3, null);
        lookup = Wire.call(RemoteProcedures.DOMAIN_LOOKUP_BY_NAME, 4, new LookupByNameArgs("bench"));
    }

    @TearDown
    public void tearDown() {
        getVersion.release();
        lookup.release();
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public ByteBuf getVersion() {
        return roundTrip(getVersion.retainedDuplicate());
    }

    @Benchmark
    public ByteBuf lookupByName() {
        return roundTrip(lookup.retainedDuplicate());
    }

    private ByteBuf roundTrip(ByteBuf call) {
        channel.writeInbound(call);
        channel.runPendingTasks();
        ByteBuf reply = channel.readOutbound();
        if (reply == null) {
            throw new IllegalStateException("no reply");
        }
        if (reply.getInt(24) != 0) {
            Packet packet = Wire.parse(reply);
            throw new IllegalStateException("the call failed: "
                    + Xdr.decode(RemoteError.class, packet.payload()).message().orElse("?"));
        }
        reply.release();
        return reply;
    }
}
