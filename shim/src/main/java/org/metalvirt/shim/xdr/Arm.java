package org.metalvirt.shim.xdr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as one arm of an XDR union: the union is the sealed interface the record
 * implements, and {@link #value()} is the discriminant that selects this arm on the wire.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Arm {
    int value();
}
