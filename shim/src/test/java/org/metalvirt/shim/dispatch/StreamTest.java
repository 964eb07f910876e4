package org.metalvirt.shim.dispatch;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.protocol.Check;
import org.metalvirt.shim.protocol.Priority;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.testing.TestHosts;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/** How a call opens a stream and how the stream's packets flow, as libvirtd's console streams do. */
class StreamTest {

    record Opening(int flags) {}

    /** A stream procedure for these tests only; the real table has none yet. */
    private static final Procedure<Opening, Void> TEST_STREAM =
            Procedure.named("TEST_STREAM", 9021, Priority.LOW, Opening.class, Void.class, Check.BEFORE_OPEN);

    private static final int SERIAL = 7;
    private static final Header CALL =
            new Header(Program.REMOTE.id(), 1, TEST_STREAM.number(), MessageType.CALL, SERIAL, MessageStatus.OK);

    private final RecordingSink sink = new RecordingSink();
    private final RecordingSource source = new RecordingSource();
    private EmbeddedRpc rpc = EmbeddedRpc.direct(table(), false);

    @AfterEach
    void close() {
        rpc.close();
    }

    private DriverTable table() {
        return TestHosts.table().bindStream(TEST_STREAM, (session, args) -> {
            if (args.flags() != 0) {
                throw new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.DOMAIN, "no such console");
            }
            return new StreamEnds(sink, source);
        });
    }

    private void open() {
        rpc.send(TEST_STREAM, SERIAL, new Opening(0));
        Packet reply = rpc.next();
        assertEquals(CALL.reply(MessageStatus.OK), reply.header());
        assertEquals(0, reply.payload().length);
    }

    private void clientSends(MessageStatus status, String data) {
        rpc.send(Wire.frame(CALL.stream(status), data.getBytes(US_ASCII)));
    }

    private Packet expectStream(MessageStatus status) {
        Packet packet = rpc.next();
        assertEquals(CALL.stream(status), packet == null ? null : packet.header());
        return packet;
    }

    /** The empty OK with which libvirtd answers a client's finish or abort. */
    private void expectAcknowledgement() {
        assertEquals(0, expectStream(MessageStatus.OK).payload().length);
    }

    private RemoteError expectStreamError() {
        return Xdr.decode(RemoteError.class, expectStream(MessageStatus.ERROR).payload());
    }

    @Test
    void theReplyGoesOutBeforeTheDataTheSourceSendsAtOnce() {
        source.greeting = "login: ".getBytes(US_ASCII);
        open();

        assertArrayEquals(source.greeting, expectStream(MessageStatus.CONTINUE).payload());
    }

    @Test
    void dataFlowsBothWaysAndTheClientsDataIsNotAcknowledged() {
        open();
        clientSends(MessageStatus.CONTINUE, "ls\r");
        source.output.send("bin etc\r\n".getBytes(US_ASCII));

        assertEquals(List.of("write ls\r"), sink.calls);
        assertEquals(
                "bin etc\r\n", new String(expectStream(MessageStatus.CONTINUE).payload(), US_ASCII));
        assertNull(rpc.next());
    }

    @Test
    void dataLongerThanAClientReadsAtOnceIsSplitAndNothingIsSentForNoData() {
        open();
        source.output.send(new byte[Stream.CHUNK + 1]);
        source.output.send(new byte[0]);

        assertEquals(Stream.CHUNK, expectStream(MessageStatus.CONTINUE).payload().length);
        assertEquals(1, expectStream(MessageStatus.CONTINUE).payload().length);
        assertNull(rpc.next());
    }

    @Test
    void endOfDataIsAnEmptyContinueAndTheClientsFinishIsAcknowledged() {
        open();
        source.output.end();
        assertEquals(0, expectStream(MessageStatus.CONTINUE).payload().length);

        clientSends(MessageStatus.OK, "");
        expectAcknowledgement();
        assertEquals(List.of("finish"), sink.calls);
        assertEquals(List.of("start", "stop"), source.calls);
    }

    @Test
    void aFinishTheSinkRefusesIsAnsweredWithItsError() {
        open();
        sink.refuseFinish = new VirtException(ErrorNumber.OPERATION_FAILED, ErrorDomain.DOMAIN, "console gone");
        clientSends(MessageStatus.OK, "");

        RemoteError error = expectStreamError();
        assertEquals(9, error.code());
        assertEquals(Optional.of("console gone"), error.message());
    }

    @Test
    void aClientAbortAbortsTheSinkStopsTheSourceAndIsAcknowledged() {
        open();
        clientSends(MessageStatus.ERROR, "");

        expectAcknowledgement();
        assertEquals(List.of("abort"), sink.calls);
        assertEquals(List.of("start", "stop"), source.calls);
    }

    @Test
    void aFailureOnTheDaemonsSideIsSentAsARemoteErrorAndEndsTheStream() {
        open();
        source.output.fail(new VirtException(ErrorNumber.RPC, ErrorDomain.RPC, "stream had I/O failure"));
        rpc.channel.runPendingTasks();

        RemoteError error = expectStreamError();
        assertEquals(39, error.code());
        assertEquals(Optional.of("stream had I/O failure"), error.message());
        assertEquals(List.of("abort"), sink.calls);
        assertEquals(List.of("start", "stop"), source.calls);

        source.output.send("late".getBytes(US_ASCII));
        clientSends(MessageStatus.CONTINUE, "late too");
        assertNull(rpc.next());
        assertEquals(List.of("abort"), sink.calls);
    }

    @Test
    void packetsForNoOpenStreamAndHolesAreDroppedAndTheOpenStreamIsUntouched() {
        open();
        Header otherSerial =
                new Header(Program.REMOTE.id(), 1, TEST_STREAM.number(), MessageType.STREAM, 8, MessageStatus.OK);
        rpc.send(Wire.frame(otherSerial, new byte[0]));
        Header hole = new Header(
                Program.REMOTE.id(), 1, TEST_STREAM.number(), MessageType.STREAM_HOLE, SERIAL, MessageStatus.CONTINUE);
        rpc.send(Wire.frame(hole, new byte[12]));

        assertNull(rpc.next());
        assertTrue(rpc.channel.isActive());
        assertEquals(List.of(), sink.calls);
        assertEquals(List.of("start"), source.calls);
    }

    @Test
    void aCallThatFailsIsAnErrorReplyAndOpensNoStream() {
        rpc.send(TEST_STREAM, SERIAL, new Opening(1));
        assertEquals(CALL.reply(MessageStatus.ERROR), rpc.next().header());

        clientSends(MessageStatus.CONTINUE, "typed");
        assertNull(rpc.next());
        assertEquals(List.of(), sink.calls);
        assertEquals(List.of(), source.calls);
    }

    @Test
    void closingTheConnectionAbortsItsStreams() {
        open();
        rpc.channel.close();
        rpc.channel.runPendingTasks();

        assertEquals(List.of("abort"), sink.calls);
        assertEquals(List.of("start", "stop"), source.calls);
    }

    @Test
    void aSinkThatFallsBehindStopsTheConnectionsReadingUntilItCatchesUp() {
        rpc = EmbeddedRpc.queued(table());
        rpc.send(TEST_STREAM, SERIAL, new Opening(0));
        rpc.runWorkers();
        assertEquals(CALL.reply(MessageStatus.OK), rpc.next().header());

        for (int i = 1; i < Stream.INBOUND_LIMIT; i++) {
            clientSends(MessageStatus.CONTINUE, "k");
        }
        assertTrue(rpc.channel.config().isAutoRead());
        clientSends(MessageStatus.CONTINUE, "k");
        assertFalse(rpc.channel.config().isAutoRead());

        rpc.runWorkers();
        assertEquals(Stream.INBOUND_LIMIT, sink.calls.size());
        assertTrue(rpc.channel.config().isAutoRead());
    }

    @Test
    void aConnectionThatCannotTakeMorePausesTheSourceUntilItCan() {
        open();
        writable(false);
        assertEquals(List.of("start", "pause"), source.calls);
        writable(true);

        assertEquals(List.of("start", "pause", "resume"), source.calls);
    }

    @Test
    void aSourceThatGoesOnSendingWhilePausedIsFailedRatherThanFillingMemory() {
        open();
        writable(false);
        source.output.send(new byte[Stream.PAUSED_SLACK]);
        for (int i = 0; i < Stream.PAUSED_SLACK / Stream.CHUNK; i++) {
            expectStream(MessageStatus.CONTINUE);
        }

        source.output.send(new byte[1]);
        rpc.channel.runPendingTasks();
        assertEquals(
                Optional.of("stream source ignored flow control"),
                expectStreamError().message());
        assertEquals(List.of("abort"), sink.calls);
        assertEquals(List.of("start", "pause", "stop"), source.calls);
    }

    /** Netty's own switch for writability, as a full outbound buffer would turn it; it fires on the event loop. */
    private void writable(boolean writable) {
        rpc.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        rpc.channel.runPendingTasks();
    }

    @Test
    void aStreamOpenedWhileTheConnectionCannotTakeMoreStartsPaused() {
        rpc = EmbeddedRpc.queued(table());
        rpc.send(TEST_STREAM, SERIAL, new Opening(0));
        writable(false);
        rpc.runWorkers();

        assertEquals(List.of("start", "pause"), source.calls);
    }

    /** Records what the stream hands it. */
    private static final class RecordingSink implements StreamSink {
        final List<String> calls = new ArrayList<>();
        VirtException refuseFinish;

        @Override
        public void write(byte[] data) {
            calls.add("write " + new String(data, US_ASCII));
        }

        @Override
        public void finish() {
            calls.add("finish");
            if (refuseFinish != null) {
                throw refuseFinish;
            }
        }

        @Override
        public void abort() {
            calls.add("abort");
        }
    }

    /** Records what the stream tells it; the test sends through its output. */
    private static final class RecordingSource implements StreamSource {
        final List<String> calls = new ArrayList<>();
        StreamOutput output;
        byte[] greeting;

        @Override
        public void start(StreamOutput started) {
            calls.add("start");
            output = started;
            if (greeting != null) {
                output.send(greeting);
            }
        }

        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public void stop() {
            calls.add("stop");
        }
    }
}
