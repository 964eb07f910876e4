package org.metalvirt.baremetal.gpio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The Linux GPIO character device uAPI v2 ({@code <linux/gpio.h>}): ioctl numbers, struct
 * layouts and flags, and the encoding of the few structs the driver uses. The layout is the same
 * on every architecture (explicit padding, {@code __aligned_u64}); {@code GpioUapiLayoutTest}
 * checks every number here against the kernel header with gcc.
 */
final class GpioUapi {

    private GpioUapi() {}

    static final int LINES_MAX = 64;
    static final int NAME_SIZE = 32;
    static final int NUM_ATTRS_MAX = 10;

    // ioctl numbers: _IOWR(0xB4, nr, struct) = 3 << 30 | sizeof << 16 | 0xB4 << 8 | nr.
    static final long GET_LINE_IOCTL = iowr(0x07, 592);
    static final long LINE_SET_CONFIG_IOCTL = iowr(0x0D, 272);
    static final long LINE_GET_VALUES_IOCTL = iowr(0x0E, 16);
    static final long LINE_SET_VALUES_IOCTL = iowr(0x0F, 16);

    // enum gpio_v2_line_flag
    static final long FLAG_USED = 1L << 0;
    static final long FLAG_ACTIVE_LOW = 1L << 1;
    static final long FLAG_INPUT = 1L << 2;
    static final long FLAG_OUTPUT = 1L << 3;
    static final long FLAG_EDGE_RISING = 1L << 4;
    static final long FLAG_EDGE_FALLING = 1L << 5;
    static final long FLAG_OPEN_DRAIN = 1L << 6;

    // enum gpio_v2_line_attr_id
    static final int ATTR_ID_OUTPUT_VALUES = 2;

    // enum gpio_v2_line_event_id
    static final int EVENT_RISING_EDGE = 1;
    static final int EVENT_FALLING_EDGE = 2;

    // struct gpio_v2_line_attribute: id u32, padding u32, union { flags/values u64, debounce u32 }
    static final int ATTRIBUTE_SIZE = 16;
    // struct gpio_v2_line_config_attribute: attr, mask u64
    static final int CONFIG_ATTRIBUTE_SIZE = 24;
    static final int CONFIG_ATTRIBUTE_MASK = 16;
    // struct gpio_v2_line_config: flags u64, num_attrs u32, padding u32[5], attrs[10]
    static final int CONFIG_SIZE = 272;
    static final int CONFIG_NUM_ATTRS = 8;
    static final int CONFIG_ATTRS = 32;
    // struct gpio_v2_line_request: offsets u32[64], consumer[32], config, num_lines, event_buffer_size, padding[5], fd
    static final int REQUEST_SIZE = 592;
    static final int REQUEST_CONSUMER = 256;
    static final int REQUEST_CONFIG = 288;
    static final int REQUEST_NUM_LINES = 560;
    static final int REQUEST_EVENT_BUFFER_SIZE = 564;
    static final int REQUEST_FD = 588;
    // struct gpio_v2_line_values: bits u64, mask u64
    static final int VALUES_SIZE = 16;
    static final int VALUES_MASK = 8;
    // struct gpio_v2_line_event: timestamp_ns u64, id u32, offset u32, seqno u32, line_seqno u32, padding u32[6]
    static final int EVENT_SIZE = 48;
    static final int EVENT_ID = 8;
    static final int EVENT_OFFSET = 12;
    static final int EVENT_SEQNO = 16;
    static final int EVENT_LINE_SEQNO = 20;

    private static long iowr(int nr, int size) {
        return (3L << 30) | ((long) size << 16) | (0xB4L << 8) | nr;
    }

    /** A {@code gpio_v2_line_request} for one line; outputs start inactive (button released). */
    static ByteBuffer lineRequest(LineRequest request) {
        ByteBuffer buffer = ByteBuffer.allocate(REQUEST_SIZE).order(ByteOrder.nativeOrder());
        buffer.putInt(0, request.offset());
        byte[] consumer = request.consumer().getBytes(StandardCharsets.US_ASCII);
        buffer.put(REQUEST_CONSUMER, consumer, 0, Math.min(consumer.length, NAME_SIZE - 1));
        buffer.putLong(REQUEST_CONFIG, request.flags());
        if (request.output()) {
            int attr = REQUEST_CONFIG + CONFIG_ATTRS;
            buffer.putInt(REQUEST_CONFIG + CONFIG_NUM_ATTRS, 1);
            buffer.putInt(attr, ATTR_ID_OUTPUT_VALUES);
            buffer.putLong(attr + 8, 0L); // values: line 0 inactive
            buffer.putLong(attr + CONFIG_ATTRIBUTE_MASK, 1L); // mask: line 0
        }
        buffer.putInt(REQUEST_NUM_LINES, 1);
        buffer.putInt(REQUEST_EVENT_BUFFER_SIZE, 0); // 0: the kernel's default depth
        return buffer;
    }

    /** A {@code gpio_v2_line_values} for the single line of a request. */
    static ByteBuffer values(boolean active) {
        ByteBuffer buffer = ByteBuffer.allocate(VALUES_SIZE).order(ByteOrder.nativeOrder());
        buffer.putLong(0, active ? 1L : 0L);
        buffer.putLong(VALUES_MASK, 1L);
        return buffer;
    }

    static LineEvent event(ByteBuffer raw) {
        ByteBuffer buffer = raw.duplicate().order(ByteOrder.nativeOrder());
        int id = buffer.getInt(EVENT_ID);
        if (id != EVENT_RISING_EDGE && id != EVENT_FALLING_EDGE) {
            throw new IllegalArgumentException("unknown GPIO event id " + id);
        }
        return new LineEvent(id == EVENT_RISING_EDGE, buffer.getLong(0), buffer.getInt(EVENT_SEQNO));
    }
}
