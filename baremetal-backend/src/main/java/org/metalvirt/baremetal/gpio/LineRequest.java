package org.metalvirt.baremetal.gpio;

import java.util.Objects;

/**
 * How one line is requested: uAPI v2 line flags for a single line.
 *
 * @param offset    the line's offset on the chip
 * @param output    output (a button) or input (PWR_OK)
 * @param activeLow the line is active when low, as front-panel signals usually are
 * @param openDrain an output that only pulls low and floats otherwise, like a switch to ground
 * @param edges     an input reporting both edges as events
 * @param consumer  the label the kernel shows for the line ({@code gpioinfo})
 */
public record LineRequest(
        int offset, boolean output, boolean activeLow, boolean openDrain, boolean edges, String consumer) {

    public LineRequest {
        if (offset < 0) {
            throw new IllegalArgumentException("line offset must not be negative: " + offset);
        }
        Objects.requireNonNull(consumer, "consumer");
        if (output && edges) {
            throw new IllegalArgumentException("edge detection is for inputs only");
        }
        if (!output && openDrain) {
            throw new IllegalArgumentException("open drain is for outputs only");
        }
    }

    public static LineRequest button(int offset, boolean activeLow, boolean openDrain, String consumer) {
        return new LineRequest(offset, true, activeLow, openDrain, false, consumer);
    }

    public static LineRequest sense(int offset, boolean activeLow, String consumer) {
        return new LineRequest(offset, false, activeLow, false, true, consumer);
    }

    /** The uAPI v2 flags of this request. */
    long flags() {
        long flags = output ? GpioUapi.FLAG_OUTPUT : GpioUapi.FLAG_INPUT;
        if (activeLow) {
            flags |= GpioUapi.FLAG_ACTIVE_LOW;
        }
        if (openDrain) {
            flags |= GpioUapi.FLAG_OPEN_DRAIN;
        }
        if (edges) {
            flags |= GpioUapi.FLAG_EDGE_RISING | GpioUapi.FLAG_EDGE_FALLING;
        }
        return flags;
    }
}
