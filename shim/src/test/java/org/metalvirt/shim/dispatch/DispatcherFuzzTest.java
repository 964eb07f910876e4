package org.metalvirt.shim.dispatch;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.RemoteProcedures;
import org.metalvirt.shim.protocol.Types.RemoteError;
import org.metalvirt.shim.testing.Mutations;
import org.metalvirt.shim.testing.TestHosts;
import org.metalvirt.shim.testing.Wire;
import org.metalvirt.shim.wire.MalformedPacketException;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/**
 * Bounded fuzzing of the whole pipeline on an open connection (framing, dispatch, the served
 * handlers over a simulated host): whatever a client sends, each call is answered with a result
 * or one of libvirt's errors — never an "internal error" from a handler that broke on its input.
 */
class DispatcherFuzzTest {

    private static final DriverTable TABLE = TestHosts.table();
    private EmbeddedRpc rpc;

    @Property
    void everyCallIsAnsweredWithAResultOrLibvirtsError(@ForAll("calls") byte[] call) {
        EmbeddedRpc open = connection();
        try {
            open.send(Unpooled.wrappedBuffer(call));
        } catch (MalformedPacketException refused) {
            return; // the framing broke: that connection is closed, the next try opens another
        }
        for (Packet reply = open.next(); reply != null; reply = open.next()) {
            if (reply.header().status() == MessageStatus.ERROR) {
                RemoteError error = Xdr.decode(RemoteError.class, reply.payload());
                assertFalse(
                        error.message().orElse("").startsWith("internal error in "),
                        "a handler broke: " + error.message());
            }
        }
    }

    private EmbeddedRpc connection() {
        if (rpc == null || !rpc.channel.isActive()) {
            if (rpc != null) {
                rpc.close();
            }
            rpc = EmbeddedRpc.direct(TABLE, false);
            rpc.call(RemoteProcedures.CONNECT_OPEN, new OpenArgs(Optional.of("qemu:///system"), 0));
        }
        return rpc;
    }

    @Provide
    Arbitrary<byte[]> calls() {
        List<byte[]> seeds = Mutations.names("golden", ".call.hex").stream()
                .filter(name -> !name.startsWith("connect-close") && !name.startsWith("connect-open"))
                .map(Wire::golden)
                .toList();
        return Mutations.of(seeds, List.of());
    }
}
