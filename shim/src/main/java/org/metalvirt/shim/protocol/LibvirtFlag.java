package org.metalvirt.shim.protocol;

/** One bit of a libvirt flags enum, with libvirt's number ({@code code()}), never an ordinal. */
public interface LibvirtFlag {

    int code();

    /** Whether this flag is set in a call's flags. */
    default boolean in(int flags) {
        return (flags & code()) != 0;
    }
}
