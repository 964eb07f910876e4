package org.metalvirt.baremetal.ipmi.rmcp;

/**
 * The BMC's session sequence numbers as a remote console checks them (IPMI v2.0 6.12.13): each
 * packet the BMC sends in a session has the next number of its own counter, so a number seen
 * before is a duplicate or a replay, and one far from the highest seen is stale or forged. A
 * sliding window around the highest number received takes a number ahead of it (the packets
 * between may still come, or were lost) or behind it, once; anything else is dropped, as if it
 * were lost. One window per session: a new session starts a new counter.
 */
final class SequenceWindow {

    /** How far ahead of, and behind, the highest number received a number is taken. */
    static final int SPAN = 16;

    /** The highest number received, as the BMC's unsigned 32 bits wrap; meaningless until {@link #started}. */
    private int highest;

    private boolean started;
    /** Bit i set: the number {@code highest - 1 - i} was received. */
    private long behind;

    /** Whether a packet with this number is taken; if it is, it is marked received. */
    boolean accept(int sequence) {
        if (sequence == 0) {
            return false; // 0 is for packets outside a session
        }
        if (!started) {
            started = true;
            highest = sequence;
            behind = 0;
            return true;
        }
        int ahead = sequence - highest; // wraps as the BMC's counter does
        if (ahead > 0 && ahead <= SPAN) {
            behind = (behind << ahead) | (1L << (ahead - 1));
            highest = sequence;
            return true;
        }
        if (ahead < 0 && ahead >= -SPAN) {
            long bit = 1L << (-ahead - 1);
            if ((behind & bit) != 0) {
                return false;
            }
            behind |= bit;
            return true;
        }
        return false; // the highest itself again, or outside the window
    }
}
