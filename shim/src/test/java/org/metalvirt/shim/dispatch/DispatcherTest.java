package org.metalvirt.shim.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.metalvirt.shim.protocol.RemoteProcedures.AUTH_LIST;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_CLOSE;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_HOSTNAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_TYPE;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_OPEN;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_SUPPORTS_FEATURE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_CREATE;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_XML_DESC;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.metalvirt.io.BehindReply;
import org.metalvirt.shim.protocol.Auth;
import org.metalvirt.shim.protocol.Check;
import org.metalvirt.shim.protocol.Connect.GetHostnameRet;
import org.metalvirt.shim.protocol.Connect.GetTypeRet;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Connect.SupportsFeatureArgs;
import org.metalvirt.shim.protocol.Connect.SupportsFeatureRet;
import org.metalvirt.shim.protocol.Domain;
import org.metalvirt.shim.protocol.Priority;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.protocol.Types.AuthType;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.testing.TestHosts;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/** How every call is dispatched, whatever the procedure. */
class DispatcherTest {

    private static final OpenArgs OPEN = new OpenArgs(Optional.of("baremetal:///system"), 0);

    private EmbeddedRpc rpc = EmbeddedRpc.direct();

    @AfterEach
    void close() {
        rpc.close();
    }

    @Test
    void anUnknownProcedureIsAnRpcErrorThatEchoesTheCallAndKeepsTheConnection() {
        Header call = new Header(Program.REMOTE.id(), 1, 9999, MessageType.CALL, 41, MessageStatus.OK);
        rpc.send(Wire.frame(call, new byte[0]));

        Packet reply = rpc.next();
        assertEquals(call.reply(MessageStatus.ERROR), reply.header());
        RemoteError error = Xdr.decode(RemoteError.class, reply.payload());
        assertEquals(39, error.code());
        assertEquals(7, error.domain());
        assertEquals(Optional.of("unknown procedure: 9999"), error.message());
        assertEquals(2, error.level());
        assertTrue(rpc.channel.isActive());
        assertEquals(List.of(AuthType.NONE), rpc.call(AUTH_LIST, null).types());
    }

    @Test
    void anUnknownProgramOrVersionIsAnErrorReplyAndTheConnectionStays() {
        Header otherProgram = new Header(0x12345678, 1, 1, MessageType.CALL, 5, MessageStatus.OK);
        Header otherVersion = new Header(Program.REMOTE.id(), 2, 66, MessageType.CALL, 6, MessageStatus.OK);
        rpc.send(Wire.frame(otherProgram, new byte[0]));
        rpc.send(Wire.frame(otherVersion, new byte[0]));

        Packet first = rpc.next();
        Packet second = rpc.next();
        assertEquals(otherProgram.reply(MessageStatus.ERROR), first.header());
        assertEquals(
                Optional.of("cannot find program 305419896 version 1"),
                Xdr.decode(RemoteError.class, first.payload()).message());
        assertEquals(otherVersion.reply(MessageStatus.ERROR), second.header());
        assertTrue(rpc.channel.isActive());
    }

    @Test
    void aTruncatedBodyIsAnsweredAsLibvirtdDoesAndTheConnectionStays() {
        Header call = new Header(Program.REMOTE.id(), 1, CONNECT_OPEN.number(), MessageType.CALL, 1, MessageStatus.OK);
        rpc.send(Wire.frame(call, new byte[] {0, 0, 0, 1, 0, 0, 0, 9, 'q'}));

        assertUndecodable(call);
    }

    @Test
    void trailingBytesAfterTheArgumentsAreAnsweredAndTheConnectionStays() {
        Header call = new Header(Program.REMOTE.id(), 1, AUTH_LIST.number(), MessageType.CALL, 1, MessageStatus.OK);
        rpc.send(Wire.frame(call, new byte[] {0, 0, 0, 0}));

        assertUndecodable(call);
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        Header call = new Header(Program.REMOTE.id(), 1, CONNECT_OPEN.number(), MessageType.CALL, 1, MessageStatus.OK);
        for (byte[] name : new byte[][] {{'u', (byte) 0xff, '8', 0}, {(byte) 0xc0, (byte) 0xaf, 0, 0}}) {
            // OpenArgs: a present optional string of 3 (then 2) bytes, padded, and flags 0.
            int length = name[2] == 0 ? 2 : 3;
            byte[] payload = new byte[] {0, 0, 0, 1, 0, 0, 0, (byte) length, name[0], name[1], name[2], 0, 0, 0, 0, 0};
            rpc.send(Wire.frame(call, payload));
            assertUndecodable(call);
        }
    }

    private void assertUndecodable(Header call) {
        Packet reply = rpc.next();
        assertEquals(call.reply(MessageStatus.ERROR), reply.header());
        RemoteError error = Xdr.decode(RemoteError.class, reply.payload());
        assertEquals(39, error.code());
        assertEquals(7, error.domain());
        assertEquals(Optional.of("Unable to decode message payload"), error.message());
        assertTrue(rpc.channel.isActive());
        assertEquals(0, rpc.stats.malformed());
        assertEquals(List.of(AuthType.NONE), rpc.call(AUTH_LIST, null).types());
    }

    @Test
    void anOversizedLengthClosesTheConnectionAndIsCounted() {
        rpc.send(Unpooled.buffer().writeInt(0x7fffffff).writeZero(24));

        assertFalse(rpc.channel.isActive());
        assertEquals(1, rpc.stats.malformed());
    }

    @Test
    void aClientMayNotSendReplies() {
        Header reply = new Header(Program.REMOTE.id(), 1, 66, MessageType.REPLY, 1, MessageStatus.OK);
        rpc.send(Wire.frame(reply, new byte[0]));

        assertFalse(rpc.channel.isActive());
        assertEquals(1, rpc.stats.malformed());
    }

    @Test
    void streamPacketsForNoOpenStreamAreDropped() {
        Header data = new Header(Program.REMOTE.id(), 1, 201, MessageType.STREAM, 3, MessageStatus.CONTINUE);
        rpc.send(Wire.frame(data, new byte[] {1, 2, 3}));

        assertNull(rpc.next());
        assertTrue(rpc.channel.isActive());
    }

    @Test
    void callsBeforeOpenFailAsLibvirtdFailsThem() {
        RemoteError error = rpc.fail(CONNECT_GET_TYPE, null);

        assertEquals(1, error.code());
        assertEquals(7, error.domain());
        assertEquals(Optional.of("hypervisor connection not open"), error.message());
    }

    @Test
    void aSecondOpenFails() {
        rpc.call(CONNECT_OPEN, OPEN);

        RemoteError error = rpc.fail(CONNECT_OPEN, OPEN);
        assertEquals(Optional.of("connection already open"), error.message());
        assertEquals(new GetTypeRet("BAREMETAL"), rpc.call(CONNECT_GET_TYPE, null));
    }

    @Test
    void connectCloseRepliesThenCloses() {
        rpc.call(CONNECT_OPEN, OPEN);
        rpc.send(CONNECT_CLOSE, 9, null);

        Packet reply = rpc.next();
        assertEquals(MessageStatus.OK, reply.header().status());
        assertEquals(9, reply.header().serial());
        assertFalse(rpc.channel.isActive());
    }

    record Nothing(int flags) {}

    private static final Procedure<Nothing, Nothing> IN_MEMORY =
            Procedure.named("TEST_IN_MEMORY", 9013, Priority.HIGH, Nothing.class, Nothing.class);
    private static final Procedure<Nothing, Nothing> ON_WORKER =
            Procedure.named("TEST_ON_WORKER", 9014, Priority.HIGH, Nothing.class, Nothing.class);

    private static final Procedure<Nothing, Void> SOME_WRITE =
            Procedure.named("TEST_WRITE", 9011, Priority.LOW, Nothing.class, Void.class, Check.WRITE);

    private static DriverTable tableWithAWrite() {
        return TestHosts.table().bind(SOME_WRITE, (session, args) -> null);
    }

    @Test
    void aReadOnlyOpenMayNotChangeState() {
        rpc = EmbeddedRpc.direct(tableWithAWrite(), false);
        rpc.call(CONNECT_OPEN, new OpenArgs(Optional.of("qemu:///system"), 1));

        RemoteError error = rpc.fail(SOME_WRITE, new Nothing(0));
        assertEquals(29, error.code());
        assertEquals(20, error.domain());
        assertEquals(Optional.of("operation forbidden: read only access prevents virTestWrite"), error.message());
    }

    @Test
    void theReadOnlySocketMakesEveryConnectionReadOnlyWhateverTheClientAsks() {
        rpc = EmbeddedRpc.direct(tableWithAWrite(), true);
        rpc.call(CONNECT_OPEN, new OpenArgs(Optional.of("qemu:///system"), 0));

        assertEquals(29, rpc.fail(SOME_WRITE, new Nothing(0)).code());
        assertEquals(new GetHostnameRet("card-7"), rpc.call(CONNECT_GET_HOSTNAME, null));
    }

    @Test
    void aReadWriteConnectionMayChangeState() {
        rpc = EmbeddedRpc.direct(tableWithAWrite(), false);
        rpc.call(CONNECT_OPEN, OPEN);

        rpc.call(SOME_WRITE, new Nothing(0));
    }

    @Test
    void flagsOutsideTheDeclarationAreRefusedBeforeTheHandlerLooksForTheDomain() {
        rpc.call(CONNECT_OPEN, OPEN);
        RemoteDomain nowhere = new RemoteDomain("nowhere", UUID.randomUUID(), -1);

        RemoteError error = rpc.fail(DOMAIN_GET_XML_DESC, new Domain.GetXmlDescArgs(nowhere, 0x42));
        assertEquals(8, error.code());
        assertEquals(20, error.domain());
        assertEquals(
                Optional.of("invalid argument: unsupported flags (0x40) in function virDomainGetXMLDesc"),
                error.message());
        assertEquals(
                42,
                rpc.fail(DOMAIN_GET_XML_DESC, new Domain.GetXmlDescArgs(nowhere, 0x2))
                        .code(),
                "declared flags reach the handler, which finds no such domain");
    }

    @Test
    void aDeclaredWriteIsRefusedOnAReadOnlyConnectionWhateverItsHandler() {
        rpc.call(CONNECT_OPEN, new OpenArgs(Optional.of("baremetal:///system"), 1));
        RemoteDomain any = new RemoteDomain("x", UUID.randomUUID(), -1);

        RemoteError error = rpc.fail(DOMAIN_CREATE, new Domain.CreateArgs(any));
        assertEquals(29, error.code());
        assertEquals(Optional.of("operation forbidden: read only access prevents virDomainCreate"), error.message());
    }

    @Test
    void aReadOnlyConnectionMayReadADomainsXmlButNotItsSecrets() {
        rpc.call(CONNECT_OPEN, new OpenArgs(Optional.of("baremetal:///system"), 1));
        RemoteDomain any = new RemoteDomain("x", UUID.randomUUID(), -1);

        RemoteError secrets = rpc.fail(DOMAIN_GET_XML_DESC, new Domain.GetXmlDescArgs(any, 1));
        RemoteError plain = rpc.fail(DOMAIN_GET_XML_DESC, new Domain.GetXmlDescArgs(any, 0));

        assertEquals(29, secrets.code(), "VIR_ERR_OPERATION_DENIED, before the domain is looked up");
        assertEquals(Optional.of("operation forbidden: virDomainGetXMLDesc with secure flag"), secrets.message());
        assertEquals(42, plain.code(), "allowed, and then the domain is not found");
    }

    @Test
    void repliesMayLeaveInAnyOrderAndEachEchoesItsSerial() {
        rpc = EmbeddedRpc.queued(DispatchLimits.DEFAULT);
        rpc.send(AUTH_LIST, 1, null);
        rpc.send(CONNECT_OPEN, 2, OPEN);
        assertNull(rpc.next());

        rpc.runWorkers();

        assertEquals(1, rpc.next().header().serial());
        assertEquals(2, rpc.next().header().serial());
    }

    @Test
    void aCallBeforeItsAreaIsBoundHasItBoundOnAWorkerNotTheIoThread() {
        List<String> bound = new ArrayList<>();
        DriverTable table = new DriverTable(RemoteProcedures.TABLE)
                .bind(AUTH_LIST, (session, none) -> new Auth.ListRet(List.of(AuthType.NONE)))
                .bindLater(later -> {
                    bound.add("later");
                    later.bindInMemory(CONNECT_SUPPORTS_FEATURE, (session, args) -> new SupportsFeatureRet(1));
                });
        rpc = EmbeddedRpc.queued(table);
        rpc.send(CONNECT_SUPPORTS_FEATURE, 1, new SupportsFeatureArgs(1));
        rpc.send(AUTH_LIST, 2, null);

        assertEquals(List.of(), bound, "read, and not bound on the I/O thread");
        rpc.runWorkers();

        assertEquals(1, bound.size());
        assertEquals(2, rpc.next().header().serial(), "answered while the area was being bound");
        Packet late = rpc.next();
        assertEquals(1, late.header().serial());
        assertEquals(1, Xdr.decode(SupportsFeatureRet.class, late.payload()).supported());
        assertNull(rpc.next());
    }

    @Test
    void aClientAtItsInFlightLimitIsNotReadUntilACallCompletes() {
        rpc = EmbeddedRpc.queued(new DispatchLimits(10, 2, 5, 5, 100, 10, 60, 1000));
        rpc.send(AUTH_LIST, 1, null);
        assertTrue(rpc.channel.config().isAutoRead());

        rpc.send(AUTH_LIST, 2, null);
        assertFalse(rpc.channel.config().isAutoRead());

        rpc.runWorkers();
        assertTrue(rpc.channel.config().isAutoRead());
    }

    @Test
    void pastTheDaemonsCallBudgetAConnectionIsNotReadUntilCallsComplete() {
        CallBudget budget = new CallBudget(2);
        try (EmbeddedRpc other = EmbeddedRpc.queued(budget)) {
            rpc = EmbeddedRpc.queued(budget);
            other.send(AUTH_LIST, 1, null);
            other.send(AUTH_LIST, 2, null);
            assertTrue(other.channel.config().isAutoRead(), "within the budget");

            rpc.send(AUTH_LIST, 3, null);
            assertFalse(rpc.channel.config().isAutoRead(), "past the budget");
            assertTrue(other.channel.config().isAutoRead());

            other.runWorkers();
            rpc.channel.runPendingTasks();
            assertTrue(rpc.channel.config().isAutoRead(), "read again once calls completed");
            rpc.runWorkers();
            assertEquals(3, rpc.next().header().serial());
            assertEquals(0, budget.inFlight());
        }
    }

    @Test
    void aCallAnsweredFromMemoryIsAnsweredOnTheIoThreadWhileAWorkerCallWaitsForItsWorker() {
        CallBudget budget = new CallBudget(10);
        rpc = EmbeddedRpc.queued(
                TestHosts.table()
                        .bindInMemory(IN_MEMORY, (session, args) -> args)
                        .bind(ON_WORKER, (session, args) -> args),
                budget);
        rpc.send(CONNECT_OPEN, 1, OPEN);
        rpc.runWorkers();
        assertEquals(1, rpc.next().header().serial());

        rpc.send(ON_WORKER, 7, new Nothing(0));
        rpc.send(IN_MEMORY, 8, new Nothing(0));

        Packet first = rpc.next();
        assertEquals(8, first.header().serial(), "answered on the I/O thread, before the call queued ahead of it");
        assertEquals(new Nothing(0), Xdr.decode(Nothing.class, first.payload()));
        assertNull(rpc.next());
        rpc.runWorkers();
        assertEquals(7, rpc.next().header().serial());
        assertEquals(0, budget.inFlight(), "both calls counted and completed");
    }

    @Test
    void fileWorkAWorkerPutsBehindItsReplyRunsOnceTheReplyIsWrittenAndOnTheIoThreadAtOnce() {
        List<String> seen = new ArrayList<>();
        rpc = EmbeddedRpc.queued(TestHosts.table()
                .bindInMemory(IN_MEMORY, removing("in memory", seen))
                .bind(ON_WORKER, removing("on a worker", seen)));
        rpc.send(CONNECT_OPEN, 1, OPEN);
        rpc.runWorkers();
        assertEquals(1, rpc.next().header().serial());

        rpc.send(IN_MEMORY, 7, new Nothing(0));
        rpc.send(ON_WORKER, 8, new Nothing(0));
        rpc.runWorkers();

        assertEquals(List.of("in memory: replies written 0", "on a worker: replies written 2"), seen);
        assertEquals(7, rpc.next().header().serial());
        assertEquals(8, rpc.next().header().serial());
    }

    /** A handler that puts behind its reply the noting of how many replies are written by then. */
    private Handler<Nothing, Nothing> removing(String name, List<String> seen) {
        return (session, args) -> {
            try {
                BehindReply.put(() -> seen.add(name + ": replies written "
                        + rpc.channel.outboundMessages().size()));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return args;
        };
    }

    @Test
    void theRepliesToTheCallsOfOneReadLeaveTogetherWhenTheReadEndsInTheOrderTheyWereWritten() {
        rpc.call(CONNECT_OPEN, OPEN);
        rpc.channel
                .pipeline()
                .fireChannelRead(Unpooled.wrappedBuffer(
                        Wire.call(CONNECT_GET_TYPE, 3, null),
                        Wire.call(CONNECT_GET_HOSTNAME, 4, null),
                        Wire.call(CONNECT_GET_TYPE, 5, null)));
        assertNull(rpc.next(), "nothing is written while the read is handled");

        rpc.channel.pipeline().fireChannelReadComplete();

        assertEquals(3, rpc.next().header().serial());
        assertEquals(4, rpc.next().header().serial());
        assertEquals(5, rpc.next().header().serial());
        assertNull(rpc.next());
    }

    @Test
    void aHandlerThatBreaksIsAnInternalErrorNotADeadConnection() {
        Procedure<Nothing, Void> broken =
                Procedure.named("TEST_BROKEN", 9012, Priority.HIGH, Nothing.class, Void.class);
        rpc = EmbeddedRpc.direct(
                TestHosts.table().bind(broken, (session, args) -> {
                    throw new IllegalStateException("bug");
                }),
                false);
        rpc.call(CONNECT_OPEN, OPEN);

        RemoteError error = rpc.fail(broken, new Nothing(0));
        assertEquals(1, error.code());
        assertTrue(rpc.channel.isActive());
    }

    @Test
    void aClientThatVanishesMidCallCostsNothingButItsReply() {
        rpc = EmbeddedRpc.queued(DispatchLimits.DEFAULT);
        rpc.send(AUTH_LIST, 1, null);
        rpc.channel.close();

        rpc.runWorkers();

        assertNull(rpc.next());
        assertFalse(rpc.channel.isActive());
        assertEquals(0, rpc.stats.malformed());
    }
}
