package org.metalvirt.baremetal.gpio;

/**
 * An edge on an input line, as the kernel reports it ({@code struct gpio_v2_line_event}).
 *
 * @param rising        the logical value went active
 * @param timestampNanos the kernel's timestamp (CLOCK_MONOTONIC unless configured otherwise)
 * @param seqno         the request's event sequence number; a gap means the buffer overflowed
 */
public record LineEvent(boolean rising, long timestampNanos, int seqno) {}
