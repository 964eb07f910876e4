package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * A record as a struct: its components, in declaration order. The accessors and the canonical
 * constructor are resolved once, as method handles of erased types: a call reads and builds
 * records without reflection's per-call checks and generated accessor classes.
 */
final class RecordCodec<R> implements Codec<R> {
    private static final MethodType READ = MethodType.methodType(Object.class, Object.class);
    private static final MethodType BUILD = MethodType.methodType(Object.class, Object[].class);

    private final MethodHandle[] accessors;
    private final Codec<Object>[] fields;
    private final MethodHandle constructor;
    private final String name;

    @SuppressWarnings("unchecked")
    RecordCodec(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        accessors = new MethodHandle[components.length];
        fields = new Codec[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        name = type.getSimpleName();
        try {
            for (int i = 0; i < components.length; i++) {
                Method accessor = components[i].getAccessor();
                accessor.setAccessible(true); // records may be package-private
                accessors[i] = lookup.unreflect(accessor).asType(READ);
                fields[i] = (Codec<Object>) Codecs.forType(components[i].getAnnotatedType());
                parameterTypes[i] = components[i].getType();
            }
            Constructor<R> canonical = type.getDeclaredConstructor(parameterTypes);
            canonical.setAccessible(true);
            constructor = lookup.unreflectConstructor(canonical)
                    .asSpreader(Object[].class, components.length)
                    .asType(BUILD);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void encode(R value, ByteBuf out) {
        for (int i = 0; i < fields.length; i++) {
            fields[i].encode(read(accessors[i], value), out);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public R decode(ByteBuf in) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].decode(in);
        }
        try {
            return (R) constructor.invokeExact(values);
        } catch (RuntimeException e) {
            // The record refused the values: the peer sent something out of range.
            throw Xdr.malformed(name + ": " + e.getMessage());
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(MethodHandle accessor, Object target) {
        try {
            return accessor.invokeExact(target);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
