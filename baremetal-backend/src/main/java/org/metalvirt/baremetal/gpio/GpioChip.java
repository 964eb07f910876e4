package org.metalvirt.baremetal.gpio;

/**
 * A GPIO chip, the OS seam of the GPIO driver: {@link CdevGpioChip} is the kernel's character
 * device, tests and the {@code simboard} backend put a simulated board behind it. Each requested
 * line keeps its own request open until closed, because a released line may revert.
 */
public interface GpioChip extends AutoCloseable {

    /** Requests one line as configured; throws {@code OPERATION_FAILED} when the kernel refuses. */
    GpioLine request(LineRequest request);

    /** A name for messages: the device path. */
    String name();

    @Override
    void close();
}
