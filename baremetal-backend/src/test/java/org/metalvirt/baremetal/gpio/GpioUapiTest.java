package org.metalvirt.baremetal.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** What the driver writes into the kernel's structs for the front-panel lines. */
class GpioUapiTest {

    @Test
    void aButtonIsAnActiveLowOpenDrainOutputThatStartsReleased() {
        ByteBuffer request = GpioUapi.lineRequest(LineRequest.button(3, true, true, "metalvirt-n1"));
        assertEquals(3, request.getInt(0));
        assertEquals(
                GpioUapi.FLAG_OUTPUT | GpioUapi.FLAG_ACTIVE_LOW | GpioUapi.FLAG_OPEN_DRAIN,
                request.getLong(GpioUapi.REQUEST_CONFIG));
        assertEquals(1, request.getInt(GpioUapi.REQUEST_CONFIG + GpioUapi.CONFIG_NUM_ATTRS));
        int attr = GpioUapi.REQUEST_CONFIG + GpioUapi.CONFIG_ATTRS;
        assertEquals(GpioUapi.ATTR_ID_OUTPUT_VALUES, request.getInt(attr));
        assertEquals(0L, request.getLong(attr + 8), "released");
        assertEquals(1L, request.getLong(attr + GpioUapi.CONFIG_ATTRIBUTE_MASK));
        assertEquals(1, request.getInt(GpioUapi.REQUEST_NUM_LINES));
        assertEquals("metalvirt-n1", consumer(request));
    }

    @Test
    void powerOkIsAnInputWithBothEdges() {
        ByteBuffer request = GpioUapi.lineRequest(LineRequest.sense(5, false, "metalvirt-n1"));
        assertEquals(5, request.getInt(0));
        assertEquals(
                GpioUapi.FLAG_INPUT | GpioUapi.FLAG_EDGE_RISING | GpioUapi.FLAG_EDGE_FALLING,
                request.getLong(GpioUapi.REQUEST_CONFIG));
        assertEquals(0, request.getInt(GpioUapi.REQUEST_CONFIG + GpioUapi.CONFIG_NUM_ATTRS));
    }

    @Test
    void aLongConsumerIsCutToFitWithItsTerminator() {
        ByteBuffer request = GpioUapi.lineRequest(LineRequest.sense(0, false, "x".repeat(40)));
        assertEquals(31, consumer(request).length());
    }

    @Test
    void valuesAddressTheRequestsOnlyLine() {
        ByteBuffer on = GpioUapi.values(true);
        assertEquals(1L, on.getLong(0));
        assertEquals(1L, on.getLong(GpioUapi.VALUES_MASK));
        assertEquals(0L, GpioUapi.values(false).getLong(0));
    }

    @Test
    void eventsAreDecodedFromTheKernelsLayout() {
        ByteBuffer raw = ByteBuffer.allocate(GpioUapi.EVENT_SIZE).order(ByteOrder.nativeOrder());
        raw.putLong(0, 123_456L);
        raw.putInt(GpioUapi.EVENT_ID, GpioUapi.EVENT_FALLING_EDGE);
        raw.putInt(GpioUapi.EVENT_OFFSET, 5);
        raw.putInt(GpioUapi.EVENT_SEQNO, 7);
        LineEvent event = GpioUapi.event(raw);
        assertFalse(event.rising());
        assertEquals(123_456L, event.timestampNanos());
        assertEquals(7, event.seqno());
        raw.putInt(GpioUapi.EVENT_ID, GpioUapi.EVENT_RISING_EDGE);
        assertTrue(GpioUapi.event(raw).rising());
    }

    private static String consumer(ByteBuffer request) {
        StringBuilder name = new StringBuilder();
        for (int i = GpioUapi.REQUEST_CONSUMER; request.get(i) != 0; i++) {
            name.append((char) request.get(i));
        }
        return name.toString();
    }
}
