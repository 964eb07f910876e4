package org.metalvirt.shim.xdr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A C string carried as an array of XDR {@code char}s, each taking four bytes.
 *
 * <p>With {@link #fixed()} it is {@code char x[N]}: exactly N elements, NUL-padded, no count.
 * Otherwise it is {@code char x<N>}: a count, then the characters and one NUL element, which is
 * how libvirtd sends the security model and label and how clients read them back.
 *
 * <p>On {@code byte[]} it is {@code char x<N>} holding bytes, not text: a count, then each byte as
 * four bytes, no NUL (the SASL exchanges' {@code data}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE_USE)
public @interface Chars {
    /** The bound N, counting the terminating NUL. */
    int value();

    /** True for {@code char x[N]}. */
    boolean fixed() default false;
}
