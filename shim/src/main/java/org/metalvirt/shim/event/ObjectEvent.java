package org.metalvirt.shim.event;

import java.util.UUID;
import java.util.function.IntFunction;
import org.metalvirt.shim.wire.Packet;

/**
 * An event about an object other than a domain, ready to send: its family and event id, the
 * object it is about (registrations may name one), and its MESSAGE packet for a callback id.
 */
record ObjectEvent(EventFamily family, int eventId, UUID object, IntFunction<Packet> packet) {}
