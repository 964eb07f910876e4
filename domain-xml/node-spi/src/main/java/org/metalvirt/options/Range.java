package org.metalvirt.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The bounds of a numeric option, checked by {@link NodeOptions#bind} once the options are bound. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Range {

    long min() default 0;

    long max() default Long.MAX_VALUE;
}
