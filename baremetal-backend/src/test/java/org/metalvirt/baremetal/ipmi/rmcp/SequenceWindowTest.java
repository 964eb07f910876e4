package org.metalvirt.baremetal.ipmi.rmcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The BMC's session sequence numbers as the client takes them: each once, near the highest seen. */
class SequenceWindowTest {

    @Test
    void eachNumberIsTakenOnce() {
        SequenceWindow window = new SequenceWindow();
        assertTrue(window.accept(1));
        assertTrue(window.accept(2));
        assertFalse(window.accept(2), "the highest again");
        assertFalse(window.accept(1), "an earlier one again");
    }

    @Test
    void lostPacketsLeaveAGapThatLatePacketsMayFillOnce() {
        SequenceWindow window = new SequenceWindow();
        assertTrue(window.accept(10));
        assertTrue(window.accept(13), "11 and 12 lost, or late");
        assertTrue(window.accept(11), "late");
        assertFalse(window.accept(11));
        assertTrue(window.accept(12));
        assertFalse(window.accept(10));
    }

    @Test
    void numbersFarFromTheHighestAreDropped() {
        SequenceWindow window = new SequenceWindow();
        assertTrue(window.accept(100));
        assertFalse(window.accept(100 + SequenceWindow.SPAN + 1), "too far ahead");
        assertFalse(window.accept(100 - SequenceWindow.SPAN - 1), "too far behind");
        assertTrue(window.accept(100 + SequenceWindow.SPAN), "as far ahead as taken");
        assertFalse(window.accept(100), "now at the window's far end, taken already");
        assertTrue(window.accept(101), "never seen, in the window");
        assertFalse(window.accept(99), "behind the window now");
    }

    @Test
    void zeroIsNeverASessionPacket() {
        SequenceWindow window = new SequenceWindow();
        assertFalse(window.accept(0));
        assertTrue(window.accept(5));
        assertFalse(window.accept(0));
    }

    @Test
    void theCounterWrapsPastItsUnsigned32Bits() {
        SequenceWindow window = new SequenceWindow();
        assertTrue(window.accept(0xFFFFFFFE));
        assertTrue(window.accept(0xFFFFFFFF));
        assertTrue(window.accept(1));
        assertFalse(window.accept(0xFFFFFFFF));
        assertTrue(window.accept(2));
    }
}
