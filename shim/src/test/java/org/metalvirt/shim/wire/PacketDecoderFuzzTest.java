package org.metalvirt.shim.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.metalvirt.shim.testing.Mutations;
import org.metalvirt.shim.testing.Wire;

/**
 * Bounded fuzzing of the frame decoder (see {@code shim/docs/security.md} for the long run): any
 * bytes, in chunks of any size, are whole packets within libvirt's bounds or a stream refused as
 * malformed — never another failure, never a packet larger than announced.
 */
class PacketDecoderFuzzTest {

    @Property
    void anyBytesArePacketsOrAStreamRefusedAsMalformed(
            @ForAll("streams") byte[] bytes, @ForAll @IntRange(min = 1, max = 97) int chunk) {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder());
        try {
            for (int i = 0; i < bytes.length; i += chunk) {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
            }
            long decoded = 0;
            for (Packet packet = channel.readInbound(); packet != null; packet = channel.readInbound()) {
                assertTrue(packet.length() >= Packet.MIN_LENGTH && packet.length() <= Packet.MAX_LENGTH);
                decoded += packet.length();
            }
            assertTrue(decoded <= bytes.length, "decoded more than was sent");
        } catch (MalformedPacketException refused) {
            // The stream broke the framing: the connection is closed, as the pipeline does.
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Provide
    Arbitrary<byte[]> streams() {
        List<byte[]> seeds = new ArrayList<>(goldenPackets());
        // Two packets back to back, so edits can land on a boundary between frames.
        ByteArrayOutputStream pair = new ByteArrayOutputStream();
        pair.writeBytes(seeds.get(0));
        pair.writeBytes(seeds.get(seeds.size() - 1));
        seeds.add(pair.toByteArray());
        return Mutations.of(seeds, List.of());
    }

    /** Every golden packet, calls and replies alike, as it was on the wire. */
    static List<byte[]> goldenPackets() {
        return Mutations.names("golden", ".hex").stream().map(Wire::golden).toList();
    }
}
