package org.metalvirt.shim.xdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.testing.Mutations;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.Packet;

/**
 * Bounded fuzzing of the XDR codec over every argument record the daemon decodes: any payload
 * is a value or libvirt's decode error ({@link VirtException}), never another failure (an index
 * out of bounds, an allocation of a forged count); and a value decoded encodes back to bytes
 * that decode to the same value.
 */
class XdrFuzzTest {

    /** A payload for one procedure's arguments. */
    record Case(Procedure<?, ?> procedure, byte[] payload) {
        @Override
        public String toString() {
            return procedure + " " + Arrays.toString(payload);
        }
    }

    @Property
    void anyPayloadIsAValueOrADecodeErrorAndValuesRoundTrip(@ForAll("cases") Case input) {
        roundTrip(input.procedure().args(), input.payload());
    }

    private static <A> void roundTrip(Class<A> type, byte[] payload) {
        A value;
        try {
            value = Xdr.decode(type, payload);
        } catch (VirtException refused) {
            return;
        }
        byte[] encoded = Xdr.encode(type, value);
        assertArrayEquals(encoded, Xdr.encode(type, Xdr.decode(type, encoded)));
    }

    @Provide
    Arbitrary<Case> cases() {
        // Golden calls, edited, against the procedure they call; and any procedure against any edited payload.
        List<Arbitrary<Case>> golden = Mutations.names("golden", ".call.hex").stream()
                .map(Wire::golden)
                .filter(packet -> int32(packet, 4) == Program.REMOTE.id())
                .filter(packet -> RemoteProcedures.TABLE.get(int32(packet, 12)) != null)
                .map(XdrFuzzTest::goldenCase)
                .toList();
        List<Procedure<?, ?>> decoded = RemoteProcedures.TABLE.all().stream()
                .filter(procedure -> !procedure.event() && procedure.args() != Void.class)
                .toList();
        List<byte[]> payloads = Mutations.names("golden", ".call.hex").stream()
                .map(name -> payload(Wire.golden(name)))
                .toList();
        Arbitrary<Case> crossed = net.jqwik.api.Combinators.combine(
                        Arbitraries.of(decoded), Mutations.of(payloads, List.of()))
                .as(Case::new);
        return Arbitraries.oneOf(Arbitraries.oneOf(golden), crossed);
    }

    private static Arbitrary<Case> goldenCase(byte[] packet) {
        Procedure<?, ?> procedure = RemoteProcedures.TABLE.get(int32(packet, 12));
        return Mutations.of(List.of(payload(packet)), List.of()).map(payload -> new Case(procedure, payload));
    }

    private static int int32(byte[] packet, int at) {
        return java.nio.ByteBuffer.wrap(packet, at, 4).getInt();
    }

    private static byte[] payload(byte[] packet) {
        return Arrays.copyOfRange(packet, Packet.MIN_LENGTH, packet.length);
    }
}
