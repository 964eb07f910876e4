package org.metalvirt.baremetal.gpio;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;
import org.metalvirt.error.Failures;

/** One line request's file descriptor: values by ioctl, edges by poll(2) and read(2). */
final class CdevGpioLine implements GpioLine {

    private final Libc libc;
    private final int fd;
    private final String name;
    private volatile boolean closed;

    CdevGpioLine(Libc libc, int fd, String name) {
        this.libc = libc;
        this.fd = fd;
        this.name = name;
    }

    @Override
    public void set(boolean active) {
        try (Memory memory = new Memory(GpioUapi.VALUES_SIZE)) {
            memory.write(0, GpioUapi.values(active).array(), 0, GpioUapi.VALUES_SIZE);
            if (libc.ioctl(fd, new NativeLong(GpioUapi.LINE_SET_VALUES_IOCTL, true), memory) < 0) {
                throw Failures.failed("cannot set GPIO line " + name + ": " + CdevGpioChip.error(libc));
            }
        }
    }

    @Override
    public boolean get() {
        try (Memory memory = new Memory(GpioUapi.VALUES_SIZE)) {
            memory.write(0, GpioUapi.values(false).array(), 0, GpioUapi.VALUES_SIZE);
            if (libc.ioctl(fd, new NativeLong(GpioUapi.LINE_GET_VALUES_IOCTL, true), memory) < 0) {
                throw Failures.failed("cannot read GPIO line " + name + ": " + CdevGpioChip.error(libc));
            }
            return (memory.getLong(0) & 1L) != 0;
        }
    }

    @Override
    public Optional<LineEvent> awaitEvent(Duration timeout) {
        try (Memory pollfd = new Memory(8)) {
            pollfd.setInt(0, fd);
            pollfd.setShort(4, Libc.POLLIN);
            pollfd.setShort(6, (short) 0);
            int ready = libc.poll(pollfd, new NativeLong(1), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (ready == 0 || (ready < 0 && Native.getLastError() == Libc.EINTR)) {
                return Optional.empty();
            }
            if (ready < 0) {
                throw Failures.failed("cannot wait for events on GPIO line " + name + ": " + CdevGpioChip.error(libc));
            }
        }
        try (Memory event = new Memory(GpioUapi.EVENT_SIZE)) {
            long got = libc.read(fd, event, new NativeLong(GpioUapi.EVENT_SIZE)).longValue();
            if (got != GpioUapi.EVENT_SIZE) {
                throw Failures.failed(
                        "short read of a GPIO event on " + name + " (" + got + " bytes): " + CdevGpioChip.error(libc));
            }
            ByteBuffer raw = event.getByteBuffer(0, GpioUapi.EVENT_SIZE).order(ByteOrder.nativeOrder());
            return Optional.of(GpioUapi.event(raw));
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
