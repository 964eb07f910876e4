package org.metalvirt.shim.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.testing.Wire;

/** Framing: a length word that counts itself, the header, the payload; anything else fails. */
class PacketDecoderTest {

    private static final Header CALL = new Header(0x20008086, 1, 66, MessageType.CALL, 7, MessageStatus.OK);

    private final EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder());

    @AfterEach
    void nothingLeftOver() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aWholePacketDecodesToItsHeaderAndPayload() {
        channel.writeInbound(Wire.frame(CALL, new byte[] {1, 2, 3, 4}));

        Packet packet = channel.readInbound();
        assertEquals(CALL, packet.header());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, packet.payload());
    }

    @Test
    void aPacketSplitAcrossReadsWaitsForItsLastByte() {
        byte[] framed = Wire.bytes(Wire.frame(CALL, new byte[] {9, 9, 9, 9}));

        for (int i = 0; i < framed.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(framed, i, 1));
            assertNull(channel.readInbound(), "decoded early at byte " + i);
        }
        channel.writeInbound(Unpooled.wrappedBuffer(framed, framed.length - 1, 1));

        Packet packet = channel.readInbound();
        assertArrayEquals(new byte[] {9, 9, 9, 9}, packet.payload());
    }

    @Test
    void coalescedPacketsAreAllDecodedInOrder() {
        ByteBuf both = Unpooled.wrappedBuffer(
                Wire.frame(CALL, new byte[0]),
                Wire.frame(new Header(0x20008086, 1, 60, MessageType.CALL, 8, MessageStatus.OK), new byte[] {0, 0, 0, 10
                }));
        channel.writeInbound(both);

        assertEquals(7, channel.<Packet>readInbound().header().serial());
        assertEquals(8, channel.<Packet>readInbound().header().serial());
        assertNull(channel.readInbound());
    }

    @Test
    void aLengthBeyondThirtyTwoMebibytesPlusFourFailsTheChannel() {
        ByteBuf oversized = Unpooled.buffer().writeInt(Packet.MAX_LENGTH + 1).writeZero(24);

        MalformedPacketException e =
                assertThrows(MalformedPacketException.class, () -> channel.writeInbound(oversized));
        assertEquals("packet length 33554437 outside [28, 33554436]", e.getMessage());
    }

    @Test
    void theLargestLegalLengthIsAcceptedAndAwaited() {
        channel.writeInbound(Unpooled.buffer()
                .writeInt(Packet.MAX_LENGTH)
                .writeBytes(Wire.bytes(Wire.frame(CALL, new byte[0])), 4, 24));

        assertNull(channel.readInbound());
        assertTrue(channel.isOpen());
    }

    @Test
    void aLengthShorterThanTheHeaderFailsTheChannel() {
        ByteBuf tiny = Unpooled.buffer().writeInt(27).writeZero(23);

        assertThrows(MalformedPacketException.class, () -> channel.writeInbound(tiny));
    }

    @Test
    void anUnknownMessageTypeFailsTheChannelAndLaterBytesAreIgnored() {
        ByteBuf bad = Unpooled.buffer()
                .writeInt(28)
                .writeInt(0x20008086)
                .writeInt(1)
                .writeInt(1)
                .writeInt(42)
                .writeInt(0)
                .writeInt(0);

        assertThrows(MalformedPacketException.class, () -> channel.writeInbound(bad));
        channel.writeInbound(Wire.frame(CALL, new byte[0]));
        assertNull(channel.readInbound());
    }

    @Test
    void theEncoderWritesWhatTheDecoderReads() {
        EmbeddedChannel out = new EmbeddedChannel(PacketEncoder.INSTANCE);
        Packet packet = new Packet(CALL.reply(MessageStatus.ERROR), new byte[] {5, 6, 7, 8});

        out.writeOutbound(packet);
        ByteBuf framed = out.readOutbound();
        assertEquals(32, framed.getInt(0));
        channel.writeInbound(framed);

        Packet decoded = channel.readInbound();
        assertEquals(packet.header(), decoded.header());
        assertArrayEquals(packet.payload(), decoded.payload());
        out.finishAndReleaseAll();
    }

    @Test
    void beforeOpeningAClientMayNotAnnounceALargePacketAfterwardsItMay() {
        AtomicBoolean open = new AtomicBoolean();
        EmbeddedChannel anonymous = new EmbeddedChannel(new PacketDecoder(open::get));
        try {
            ByteBuf large = Unpooled.buffer().writeInt(PacketDecoder.MAX_ANONYMOUS_LENGTH + 1);
            MalformedPacketException e =
                    assertThrows(MalformedPacketException.class, () -> anonymous.writeInbound(large));
            assertTrue(e.getMessage().contains("before the connection is open"), e.getMessage());
        } finally {
            anonymous.finishAndReleaseAll();
        }

        EmbeddedChannel opened = new EmbeddedChannel(new PacketDecoder(open::get));
        try {
            open.set(true);
            byte[] payload = new byte[PacketDecoder.MAX_ANONYMOUS_LENGTH];
            opened.writeInbound(Wire.frame(CALL, payload));
            Packet packet = opened.readInbound();
            assertEquals(payload.length, packet.payload().length);
        } finally {
            opened.finishAndReleaseAll();
        }
    }
}
