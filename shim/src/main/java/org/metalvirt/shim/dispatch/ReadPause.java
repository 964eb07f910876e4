package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Who wants a connection's reading stopped: too many calls in flight, a stream whose consumer is
 * behind. Reading resumes only when none does, so one reason cannot undo another. Used on the
 * connection's I/O thread only.
 */
final class ReadPause {

    private final Channel channel;
    private final Set<Object> holders = Collections.newSetFromMap(new IdentityHashMap<>());

    ReadPause(Channel channel) {
        this.channel = channel;
    }

    void hold(Object holder) {
        if (holders.add(holder)) {
            channel.config().setAutoRead(false);
        }
    }

    /** Called at every completed call: nothing to look up while nobody holds it, as almost always. */
    void release(Object holder) {
        if (!holders.isEmpty() && holders.remove(holder) && holders.isEmpty()) {
            channel.config().setAutoRead(true);
        }
    }
}
