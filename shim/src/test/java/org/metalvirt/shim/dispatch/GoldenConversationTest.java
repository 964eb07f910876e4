package org.metalvirt.shim.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_OPEN;

import io.netty.buffer.Unpooled;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/**
 * virsh's own captured calls, replayed into the daemon: where the answer does not depend on the
 * host, the daemon's reply is byte for byte the one libvirtd gave.
 */
class GoldenConversationTest {

    private final EmbeddedRpc rpc = EmbeddedRpc.direct();

    @AfterEach
    void close() {
        rpc.close();
    }

    @Test
    void theOpeningHandshakeIsAnsweredExactlyAsLibvirtdAnswersIt() {
        assertSameReply("auth-list");
        assertSameReply("connect-supports-feature-10");
        assertSameReply("connect-supports-feature-14");
        assertSameReply("connect-supports-feature-15");
    }

    @Test
    void closeCallbacksAndCloseAreAnsweredExactlyAsLibvirtdAnswersThem() {
        rpc.call(CONNECT_OPEN, new OpenArgs(Optional.of("qemu:///system"), 0));

        assertSameReply("connect-register-close-callback");
        assertSameReply("connect-unregister-close-callback");
        assertSameReply("connect-close");
        assertFalse(rpc.channel.isActive());
    }

    @Test
    void aKeepalivePingGetsTheSamePongLibvirtdSends() {
        rpc.send(Unpooled.wrappedBuffer(Wire.golden("keepalive-ping.message.hex")));

        assertArrayEquals(Wire.golden("keepalive-pong.message.hex"), reply());
    }

    @Test
    void theTestDriversUriIsNotOursAndSaysSo() {
        rpc.send(Unpooled.wrappedBuffer(Wire.golden("connect-open.call.hex")));

        Packet reply = Wire.parse(Unpooled.wrappedBuffer(reply()));
        assertEquals(MessageStatus.ERROR, reply.header().status());
        RemoteError error = Xdr.decode(RemoteError.class, reply.payload());
        assertEquals(5, error.code());
        assertEquals(Optional.of("no connection driver available for test:///default"), error.message());
    }

    private void assertSameReply(String procedure) {
        rpc.send(Unpooled.wrappedBuffer(Wire.golden(procedure + ".call.hex")));
        assertArrayEquals(Wire.golden(procedure + ".reply.hex"), reply(), procedure);
    }

    private byte[] reply() {
        io.netty.buffer.ByteBuf out = rpc.channel.readOutbound();
        try {
            return Wire.bytes(out);
        } finally {
            out.release();
        }
    }
}
