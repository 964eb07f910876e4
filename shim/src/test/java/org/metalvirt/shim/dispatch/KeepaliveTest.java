package org.metalvirt.shim.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_SUPPORTS_FEATURE;

import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.shim.protocol.Connect.SupportsFeatureArgs;
import org.metalvirt.shim.protocol.KeepaliveProcedures;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;

/** Keepalive: PINGs answered always; idle clients pinged only after they asked for it. */
class KeepaliveTest {

    private static final Header PING =
            new Header(Program.KEEPALIVE.id(), 1, KeepaliveProcedures.PING, MessageType.MESSAGE, 0, MessageStatus.OK);

    private final EmbeddedRpc rpc = EmbeddedRpc.direct();

    @AfterEach
    void close() {
        rpc.close();
    }

    @Test
    void aPingIsAnsweredWithAPongAtOnce() {
        rpc.send(Wire.frame(PING, new byte[0]));

        Packet pong = rpc.next();
        assertEquals(
                new Header(
                        Program.KEEPALIVE.id(), 1, KeepaliveProcedures.PONG, MessageType.MESSAGE, 0, MessageStatus.OK),
                pong.header());
        assertEquals(0, pong.payload().length);
    }

    @Test
    void aClientThatNeverProbedKeepaliveIsNeverPinged() {
        assertNull(rpc.channel.pipeline().get("keepalive-idle"));
    }

    @Test
    void aClientThatProbedIsPingedWhenIdleAndClosedAfterCountUnansweredPings() {
        probeKeepalive();
        assertNotNull(rpc.channel.pipeline().get("keepalive-idle"));

        for (int ping = 1; ping <= DispatchLimits.DEFAULT.keepaliveCount(); ping++) {
            idle();
            Packet sent = rpc.next();
            assertEquals(KeepaliveProcedures.PING, sent.header().proc(), "ping " + ping);
            assertTrue(rpc.channel.isActive());
        }
        idle();

        assertFalse(rpc.channel.isActive());
        assertEquals(1, rpc.stats.keepaliveTimeouts());
    }

    @Test
    void anyPacketFromTheClientCountsAsAnAnswer() {
        probeKeepalive();
        for (int round = 0; round < 3 * DispatchLimits.DEFAULT.keepaliveCount(); round++) {
            idle();
            assertEquals(KeepaliveProcedures.PING, rpc.next().header().proc());
            rpc.send(Wire.frame(
                    new Header(
                            Program.KEEPALIVE.id(),
                            1,
                            KeepaliveProcedures.PONG,
                            MessageType.MESSAGE,
                            0,
                            MessageStatus.OK),
                    new byte[0]));
        }

        assertTrue(rpc.channel.isActive());
    }

    private void probeKeepalive() {
        assertEquals(
                1,
                rpc.call(CONNECT_SUPPORTS_FEATURE, new SupportsFeatureArgs(10)).supported());
        rpc.channel.runPendingTasks();
    }

    private void idle() {
        rpc.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        rpc.channel.runPendingTasks();
    }
}
