package org.metalvirt.shim.xdr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A fixed-length {@code opaque[N]} on a {@code byte[]}: N bytes, padded, no length word. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Fixed {
    int value();
}
