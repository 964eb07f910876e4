package org.metalvirt.shim.xdr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The declared bound of a variable-length XDR item: {@code string<N>}, {@code opaque<N>} or
 * {@code T x<N>}. Required on every {@code List}; strings default to libvirt's
 * {@code REMOTE_STRING_MAX}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Max {
    int value();
}
