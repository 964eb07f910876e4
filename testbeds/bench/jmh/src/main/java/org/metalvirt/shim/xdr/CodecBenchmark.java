package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.metalvirt.shim.protocol.Connect.ListAllDomainsRet;
import org.metalvirt.shim.protocol.Domain.DefineXmlFlagsArgs;
import org.metalvirt.shim.protocol.Domain.LookupByNameRet;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.PacketDecoder;
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

/** The XDR codec on the payloads of typical calls, and the frame decoder on a whole packet. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// As the daemon runs: Netty's leak detector off (metalvirtd's main turns it off; tests keep it).
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class CodecBenchmark {

    /** A definition as Nova writes one, trimmed: the size and shape matter, not the devices. */
    static final String XML = "<domain type='kvm'><name>instance-0000002a</name>"
            + "<uuid>2f1c8a5e-6b2d-4c3e-9f10-1a2b3c4d5e6f</uuid><memory unit='KiB'>4194304</memory>"
            + "<vcpu>4</vcpu><os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
            + "<features><acpi/><apic/></features><cpu mode='host-model'/><clock offset='utc'/>"
            + "<devices><disk type='network' device='disk'><driver name='qemu' type='raw'/>"
            + "<source protocol='rbd' name='volumes/volume-1'/><target dev='vda' bus='virtio'/></disk>"
            + "<interface type='hostdev'><mac address='fa:16:3e:00:00:01'/></interface>"
            + "<serial type='pty'/><console type='pty'/></devices></domain>";

    private final RemoteDomain domain = new RemoteDomain("instance-0000002a", UUID.randomUUID(), 7);
    private DefineXmlFlagsArgs define;
    private byte[] defineBytes;
    private byte[] lookupBytes;
    private ListAllDomainsRet list;
    private byte[] listBytes;
    private ByteBuf out;
    private ByteBuf framed;
    private EmbeddedChannel decoder;

    @Setup
    public void setUp() {
        define = new DefineXmlFlagsArgs(XML, 0);
        defineBytes = Xdr.encode(DefineXmlFlagsArgs.class, define);
        lookupBytes = Xdr.encode(LookupByNameRet.class, new LookupByNameRet(domain));
        List<RemoteDomain> domains = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            domains.add(new RemoteDomain("d" + i, UUID.randomUUID(), -1));
        }
        list = new ListAllDomainsRet(domains, domains.size());
        listBytes = Xdr.encode(ListAllDomainsRet.class, list);
        out = Unpooled.directBuffer(64 * 1024);
        framed = Wire.call(RemoteProcedures.DOMAIN_DEFINE_XML_FLAGS, 1, define);
        decoder = new EmbeddedChannel(new PacketDecoder());
    }

    @TearDown
    public void tearDown() {
        out.release();
        framed.release();
        decoder.finishAndReleaseAll();
    }

    @Benchmark
    public ByteBuf encodeDefineArgs() {
        out.clear();
        Xdr.encode(DefineXmlFlagsArgs.class, define, out);
        return out;
    }

    @Benchmark
    public DefineXmlFlagsArgs decodeDefineArgs() {
        return Xdr.decode(DefineXmlFlagsArgs.class, defineBytes);
    }

    @Benchmark
    public ByteBuf encodeLookupRet() {
        out.clear();
        Xdr.encode(LookupByNameRet.class, new LookupByNameRet(domain), out);
        return out;
    }

    @Benchmark
    public LookupByNameRet decodeLookupRet() {
        return Xdr.decode(LookupByNameRet.class, lookupBytes);
    }

    @Benchmark
    public ByteBuf encodeListAll100() {
        out.clear();
        Xdr.encode(ListAllDomainsRet.class, list, out);
        return out;
    }

    @Benchmark
    public ListAllDomainsRet decodeListAll100() {
        return Xdr.decode(ListAllDomainsRet.class, listBytes);
    }

    /** One framed defineXML call through the daemon's frame decoder to a {@code Packet}. */
    @Benchmark
    public Object frameDecode() {
        decoder.writeInbound(framed.retainedDuplicate());
        return decoder.readInbound();
    }
}
