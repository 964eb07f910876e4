package org.metalvirt.baremetal.gpio;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc calls the GPIO character device needs, through JNA; errno via {@link Native#getLastError()}. */
interface Libc extends Library {

    int O_RDWR = 2;
    int O_CLOEXEC = 0x80000;
    short POLLIN = 1;
    int EINTR = 4;

    int open(String path, int flags);

    int close(int fd);

    /** {@code request} is an unsigned long: build it with {@code new NativeLong(n, true)}. */
    int ioctl(int fd, NativeLong request, Pointer argument);

    NativeLong read(int fd, Pointer buffer, NativeLong count);

    /** {@code fds} points at {@code struct pollfd {int fd; short events; short revents;}}. */
    int poll(Pointer fds, NativeLong count, int timeoutMillis);

    String strerror(int errno);

    /** Loaded on first use, so machines without GPIO never touch native code. */
    final class Holder {
        static final Libc LIBC = Native.load("c", Libc.class);

        private Holder() {}
    }
}
