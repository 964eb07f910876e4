package org.metalvirt.baremetal.gpio;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.metalvirt.error.Failures;

/** A real GPIO chip: {@code /dev/gpiochipN} through the uAPI v2 ioctls, by JNA. */
public final class CdevGpioChip implements GpioChip {

    private final Path device;
    private final Libc libc;
    private final int fd;

    /** Opens the chip; throws {@code OPERATION_FAILED} naming the device when it cannot. */
    public CdevGpioChip(Path device) {
        this.device = Objects.requireNonNull(device, "device");
        this.libc = Libc.Holder.LIBC;
        this.fd = libc.open(device.toString(), Libc.O_RDWR | Libc.O_CLOEXEC);
        if (fd < 0) {
            throw Failures.failed("cannot open GPIO chip " + device + ": " + error(libc));
        }
    }

    @Override
    public GpioLine request(LineRequest request) {
        ByteBuffer encoded = GpioUapi.lineRequest(request);
        try (Memory memory = new Memory(GpioUapi.REQUEST_SIZE)) {
            memory.write(0, encoded.array(), 0, GpioUapi.REQUEST_SIZE);
            if (libc.ioctl(fd, new NativeLong(GpioUapi.GET_LINE_IOCTL, true), memory) < 0) {
                throw Failures.failed("cannot request line " + request.offset() + " of " + device + ": " + error(libc));
            }
            int lineFd = memory.getInt(GpioUapi.REQUEST_FD);
            return new CdevGpioLine(libc, lineFd, device + ":" + request.offset());
        }
    }

    @Override
    public String name() {
        return device.toString();
    }

    /** Lines already requested keep their own descriptors: closing the chip leaves them held. */
    @Override
    public void close() {
        libc.close(fd);
    }

    static String error(Libc libc) {
        int errno = Native.getLastError();
        return libc.strerror(errno) + " (errno " + errno + ")";
    }
}
