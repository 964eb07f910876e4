package org.metalvirt.shim.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Node.GetInfoRet;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.testing.TestHosts;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/**
 * Packets captured from virsh and libvirtd (see {@code golden/README.md}) decode to our records
 * and encode back byte for byte: the records are declared as libvirt lays the structs out.
 */
class GoldenPacketTest {

    /** Captured for procedures the daemon does not serve, so not declared with their records. */
    private static final Set<String> NOT_YET_DECLARED = Set.of("connect-get-domain-capabilities.call.hex");

    @TestFactory
    Stream<DynamicTest> everyGoldenPacketRoundTripsThroughItsRecord() throws Exception {
        return goldenFiles().stream()
                .filter(name -> !NOT_YET_DECLARED.contains(name))
                .map(name -> DynamicTest.dynamicTest(name, () -> roundTrip(name)));
    }

    @Test
    void everyUndeclaredCaptureIsAccountedFor() throws Exception {
        Map<Integer, Procedure<?, ?>> declared = declared();
        Set<String> undeclared = new TreeSet<>();
        for (String name : goldenFiles()) {
            Packet packet = Wire.parse(Unpooled.wrappedBuffer(Wire.golden(name)));
            boolean keepalive = packet.header().prog() == Program.KEEPALIVE.id();
            boolean error = packet.header().status() == MessageStatus.ERROR;
            if (!keepalive && !error && !declared.containsKey(packet.header().proc())) {
                undeclared.add(name);
            }
        }
        assertEquals(new TreeSet<>(NOT_YET_DECLARED), undeclared);
    }

    @Test
    void virshOpensWithTheDriverNameAndNoFlags() {
        Packet open = Wire.parse(Unpooled.wrappedBuffer(Wire.golden("connect-open.call.hex")));

        assertEquals(new OpenArgs(Optional.of("test:///default"), 0), Xdr.decode(OpenArgs.class, open.payload()));
        assertEquals(2, open.header().serial());
    }

    @Test
    void nodeInfoCarriesItsModelAsThirtyTwoFourByteChars() {
        Packet reply = Wire.parse(Unpooled.wrappedBuffer(Wire.golden("node-get-info.reply.hex")));

        assertEquals(
                new GetInfoRet("i686", 3145728, 16, 1400, 2, 2, 2, 2), Xdr.decode(GetInfoRet.class, reply.payload()));
    }

    @Test
    void libvirtdErrorsLeaveUnusedStringsAbsentAndIntsMinusOne() {
        Packet reply = Wire.parse(Unpooled.wrappedBuffer(Wire.golden("domain-lookup-by-name.error-reply.hex")));

        RemoteError error = Xdr.decode(RemoteError.class, reply.payload());
        assertEquals(
                new RemoteError(
                        42,
                        12,
                        Optional.of("Domain not found"),
                        2,
                        Optional.empty(),
                        Optional.of("Domain not found"),
                        Optional.empty(),
                        Optional.empty(),
                        -1,
                        -1,
                        Optional.empty()),
                error);
        assertEquals(RemoteError.of(42, 12, "Domain not found"), error);
    }

    @Test
    void listAllDomainsCarriesHandlesWithRawUuids() {
        Packet reply = Wire.parse(Unpooled.wrappedBuffer(Wire.golden("connect-list-all-domains.reply.hex")));

        Connect.ListAllDomainsRet ret = Xdr.decode(Connect.ListAllDomainsRet.class, reply.payload());
        assertEquals(
                List.of(new Types.RemoteDomain("test", UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f"), 1)),
                ret.domains());
        assertEquals(1, ret.ret());
    }

    private static void roundTrip(String name) {
        byte[] bytes = Wire.golden(name);
        Packet packet = Wire.parse(Unpooled.wrappedBuffer(bytes));
        Class<?> type = payloadType(packet);
        Object decoded = Xdr.decode(type, packet.payload());
        byte[] encoded = Wire.bytes(Wire.frame(packet.header(), encode(type, decoded)));
        assertArrayEquals(bytes, encoded, name + " decoded to " + decoded);
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(Class<T> type, Object value) {
        return Xdr.encode(type, (T) value);
    }

    private static Class<?> payloadType(Packet packet) {
        if (packet.header().prog() == Program.KEEPALIVE.id()) {
            return Void.class;
        }
        if (packet.header().status() == MessageStatus.ERROR) {
            return RemoteError.class;
        }
        Procedure<?, ?> procedure = declared().get(packet.header().proc());
        return packet.header().type() == MessageType.REPLY ? procedure.ret() : procedure.args();
    }

    /** Every procedure {@link RemoteProcedures} declares with its records (those served, and events), by number. */
    static Map<Integer, Procedure<?, ?>> declared() {
        DriverTable served = TestHosts.table();
        return RemoteProcedures.TABLE.all().stream()
                .filter(p -> p.event() || served.serves(p.number()))
                .collect(Collectors.toMap(Procedure::number, p -> p));
    }

    private static List<String> goldenFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenPacketTest.class.getResource("/golden").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".hex"))
                    .sorted()
                    .toList();
        }
    }
}
