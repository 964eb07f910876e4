package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/** A record as a struct: its components, in declaration order. */
final class RecordCodec<R> implements Codec<R> {
    private final Method[] accessors;
    private final Codec<Object>[] fields;
    private final Constructor<R> constructor;

    @SuppressWarnings("unchecked")
    RecordCodec(Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        accessors = new Method[components.length];
        fields = new Codec[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            fields[i] = (Codec<Object>) Codecs.forType(components[i].getAnnotatedType());
            parameterTypes[i] = components[i].getType();
        }
        try {
            constructor = type.getDeclaredConstructor(parameterTypes);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
    }

    @Override
    public void encode(R value, ByteBuf out) {
        for (int i = 0; i < fields.length; i++) {
            fields[i].encode(invoke(accessors[i], value), out);
        }
    }

    @Override
    public R decode(ByteBuf in) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = fields[i].decode(in);
        }
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            // The record refused the values: the peer sent something out of range.
            throw Xdr.malformed(constructor.getDeclaringClass().getSimpleName() + ": "
                    + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
