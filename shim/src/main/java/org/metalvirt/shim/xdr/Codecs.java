package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Derives a {@link Codec} from a Java type and its annotations; see {@link Xdr} for the mapping. */
final class Codecs {

    private static final int UNIT = 4;

    private Codecs() {
    }

    static Codec<?> forTopLevel(Class<?> type) {
        if (type == Void.class) {
            return VOID;
        }
        if (!type.isRecord() && !type.isSealed()) {
            throw new IllegalArgumentException(type + " is neither a record nor a sealed union");
        }
        return forType(new PlainType(type));
    }

    private static Codec<?> forType(AnnotatedType annotated) {
        Class<?> raw = rawClass(annotated);
        if (raw == int.class || raw == Integer.class) {
            return INT;
        }
        if (raw == long.class || raw == Long.class) {
            return HYPER;
        }
        if (raw == double.class || raw == Double.class) {
            return DOUBLE;
        }
        if (raw == UUID.class) {
            return UUID_CODEC;
        }
        if (raw == String.class) {
            Chars chars = annotated.getAnnotation(Chars.class);
            if (chars != null) {
                return chars.fixed() ? new FixedCharsCodec(chars.value()) : new VarCharsCodec(chars.value());
            }
            return new StringCodec(bound(annotated, Xdr.STRING_MAX));
        }
        if (raw == byte[].class) {
            // Java puts "@Fixed(16) byte[]" on the element type; "byte @Fixed(16) []" reads worse.
            AnnotatedType bytes = annotated instanceof AnnotatedArrayType array
                    ? array.getAnnotatedGenericComponentType() : annotated;
            Fixed fixed = bytes.getAnnotation(Fixed.class);
            return fixed != null ? new FixedOpaqueCodec(fixed.value()) : new VarOpaqueCodec(requiredBound(bytes));
        }
        if (raw == Optional.class) {
            return new OptionalCodec<>(forType(typeArgument(annotated)));
        }
        if (raw == List.class) {
            return new ListCodec<>(forType(typeArgument(annotated)), requiredBound(annotated));
        }
        if (raw.isEnum() && XdrEnum.class.isAssignableFrom(raw)) {
            return new EnumCodec<>(raw.asSubclass(Enum.class));
        }
        if (raw.isRecord()) {
            return new RecordCodec<>(raw);
        }
        if (raw.isSealed()) {
            return new UnionCodec<>(raw);
        }
        throw new IllegalArgumentException("no XDR mapping for " + annotated.getType());
    }

    private static Class<?> rawClass(AnnotatedType annotated) {
        if (annotated.getType() instanceof Class<?> c) {
            return c;
        }
        if (annotated.getType() instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("no XDR mapping for " + annotated.getType());
    }

    private static AnnotatedType typeArgument(AnnotatedType annotated) {
        if (annotated instanceof AnnotatedParameterizedType p) {
            return p.getAnnotatedActualTypeArguments()[0];
        }
        throw new IllegalArgumentException(annotated.getType() + " needs a type argument");
    }

    private static int bound(AnnotatedType annotated, int fallback) {
        Max max = annotated.getAnnotation(Max.class);
        return max == null ? fallback : max.value();
    }

    private static int requiredBound(AnnotatedType annotated) {
        Max max = annotated.getAnnotation(Max.class);
        if (max == null) {
            throw new IllegalArgumentException(annotated.getType() + " needs @Max: every XDR array is bounded");
        }
        return max.value();
    }

    private static int padding(int length) {
        return (UNIT - length % UNIT) % UNIT;
    }

    /** Reads a count and checks it against the declared bound and what is left to read. */
    private static int readCount(ByteBuf in, int max, int minElementSize, String what) {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw Xdr.malformed(what + " of " + Integer.toUnsignedString(count) + " exceeds its bound " + max);
        }
        if ((long) count * minElementSize > in.readableBytes()) {
            throw Xdr.malformed("truncated " + what + " of " + count);
        }
        return count;
    }

    private static void checkEncodeBound(int length, int max, String what) {
        if (length > max) {
            throw Xdr.malformed(what + " of " + length + " exceeds its bound " + max);
        }
    }

    private static final Codec<Void> VOID = new Codec<>() {
        @Override
        public void encode(Void value, ByteBuf out) {
        }

        @Override
        public Void decode(ByteBuf in) {
            return null;
        }
    };

    private static final Codec<Integer> INT = new Codec<>() {
        @Override
        public void encode(Integer value, ByteBuf out) {
            out.writeInt(value);
        }

        @Override
        public Integer decode(ByteBuf in) {
            return in.readInt();
        }
    };

    private static final Codec<Long> HYPER = new Codec<>() {
        @Override
        public void encode(Long value, ByteBuf out) {
            out.writeLong(value);
        }

        @Override
        public Long decode(ByteBuf in) {
            return in.readLong();
        }
    };

    private static final Codec<Double> DOUBLE = new Codec<>() {
        @Override
        public void encode(Double value, ByteBuf out) {
            out.writeDouble(value);
        }

        @Override
        public Double decode(ByteBuf in) {
            return in.readDouble();
        }
    };

    private static final Codec<UUID> UUID_CODEC = new Codec<>() {
        @Override
        public void encode(UUID value, ByteBuf out) {
            out.writeLong(value.getMostSignificantBits());
            out.writeLong(value.getLeastSignificantBits());
        }

        @Override
        public UUID decode(ByteBuf in) {
            return new UUID(in.readLong(), in.readLong());
        }
    };

    private record StringCodec(int max) implements Codec<String> {
        @Override
        public void encode(String value, ByteBuf out) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            checkEncodeBound(bytes.length, max, "string");
            out.writeInt(bytes.length);
            out.writeBytes(bytes);
            out.writeZero(padding(bytes.length));
        }

        @Override
        public String decode(ByteBuf in) {
            int length = readCount(in, max, 1, "string");
            String value = in.readCharSequence(length, StandardCharsets.UTF_8).toString();
            in.skipBytes(padding(length));
            return value;
        }
    }

    private record VarOpaqueCodec(int max) implements Codec<byte[]> {
        @Override
        public void encode(byte[] value, ByteBuf out) {
            checkEncodeBound(value.length, max, "opaque");
            out.writeInt(value.length);
            out.writeBytes(value);
            out.writeZero(padding(value.length));
        }

        @Override
        public byte[] decode(ByteBuf in) {
            byte[] value = new byte[readCount(in, max, 1, "opaque")];
            in.readBytes(value);
            in.skipBytes(padding(value.length));
            return value;
        }
    }

    private record FixedOpaqueCodec(int length) implements Codec<byte[]> {
        @Override
        public void encode(byte[] value, ByteBuf out) {
            if (value.length != length) {
                throw Xdr.malformed("opaque[" + length + "] given " + value.length + " bytes");
            }
            out.writeBytes(value);
            out.writeZero(padding(length));
        }

        @Override
        public byte[] decode(ByteBuf in) {
            byte[] value = new byte[length];
            in.readBytes(value);
            in.skipBytes(padding(length));
            return value;
        }
    }

    /** {@code char x[N]}: N four-byte chars, the text NUL-padded. */
    private record FixedCharsCodec(int length) implements Codec<String> {
        @Override
        public void encode(String value, ByteBuf out) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            checkEncodeBound(bytes.length, length, "char array");
            for (int i = 0; i < length; i++) {
                out.writeInt(i < bytes.length ? bytes[i] : 0);
            }
        }

        @Override
        public String decode(ByteBuf in) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) in.readInt();
            }
            return cString(bytes, length);
        }
    }

    /** {@code char x<N>}: a count, then the text's chars and a NUL, four bytes each. */
    private record VarCharsCodec(int max) implements Codec<String> {
        @Override
        public void encode(String value, ByteBuf out) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            checkEncodeBound(bytes.length + 1, max, "char array");
            out.writeInt(bytes.length + 1);
            for (byte b : bytes) {
                out.writeInt(b);
            }
            out.writeInt(0);
        }

        @Override
        public String decode(ByteBuf in) {
            int count = readCount(in, max, UNIT, "char array");
            byte[] bytes = new byte[count];
            for (int i = 0; i < count; i++) {
                bytes[i] = (byte) in.readInt();
            }
            return cString(bytes, count);
        }
    }

    private static String cString(byte[] bytes, int length) {
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private record OptionalCodec<T>(Codec<T> element) implements Codec<Optional<T>> {
        @Override
        public void encode(Optional<T> value, ByteBuf out) {
            out.writeInt(value.isPresent() ? 1 : 0);
            value.ifPresent(v -> element.encode(v, out));
        }

        @Override
        public Optional<T> decode(ByteBuf in) {
            int present = in.readInt();
            return switch (present) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(element.decode(in));
                default -> throw Xdr.malformed("optional pointer flag " + present);
            };
        }
    }

    private record ListCodec<T>(Codec<T> element, int max) implements Codec<List<T>> {
        @Override
        public void encode(List<T> value, ByteBuf out) {
            checkEncodeBound(value.size(), max, "array");
            out.writeInt(value.size());
            for (T item : value) {
                element.encode(item, out);
            }
        }

        @Override
        public List<T> decode(ByteBuf in) {
            // Every XDR element takes at least four bytes, except in an array of void.
            int count = readCount(in, max, UNIT, "array");
            List<T> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(element.decode(in));
            }
            return List.copyOf(items);
        }
    }

    private static final class EnumCodec<E extends Enum<E>> implements Codec<E> {
        private final Map<Integer, E> byValue = new HashMap<>();
        private final Class<E> type;

        EnumCodec(Class<E> type) {
            this.type = type;
            for (E constant : type.getEnumConstants()) {
                byValue.put(((XdrEnum) constant).value(), constant);
            }
        }

        @Override
        public void encode(E value, ByteBuf out) {
            out.writeInt(((XdrEnum) value).value());
        }

        @Override
        public E decode(ByteBuf in) {
            int value = in.readInt();
            E constant = byValue.get(value);
            if (constant == null) {
                throw Xdr.malformed(type.getSimpleName() + " has no value " + value);
            }
            return constant;
        }
    }

    private static final class RecordCodec<R> implements Codec<R> {
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
                fields[i] = (Codec<Object>) forType(components[i].getAnnotatedType());
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

    private static final class UnionCodec<U> implements Codec<U> {
        private final Map<Integer, Codec<Object>> byArm = new HashMap<>();
        private final Map<Class<?>, Integer> armOf = new HashMap<>();
        private final Class<U> type;

        @SuppressWarnings("unchecked")
        UnionCodec(Class<U> type) {
            this.type = type;
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                Arm arm = permitted.getAnnotation(Arm.class);
                if (arm == null || !permitted.isRecord()) {
                    throw new IllegalArgumentException(permitted + " must be a record marked @Arm");
                }
                byArm.put(arm.value(), (Codec<Object>) forType(new PlainType(permitted)));
                armOf.put(permitted, arm.value());
            }
        }

        @Override
        public void encode(U value, ByteBuf out) {
            int arm = armOf.get(value.getClass());
            out.writeInt(arm);
            byArm.get(arm).encode(value, out);
        }

        @Override
        @SuppressWarnings("unchecked")
        public U decode(ByteBuf in) {
            int arm = in.readInt();
            Codec<Object> codec = byArm.get(arm);
            if (codec == null) {
                throw Xdr.malformed(type.getSimpleName() + " has no arm " + arm);
            }
            return (U) codec.decode(in);
        }
    }

    /** A class seen as an annotated type without annotations, for top-level and union arms. */
    private record PlainType(Class<?> type) implements AnnotatedType {
        @Override
        public java.lang.reflect.Type getType() {
            return type;
        }

        @Override
        public <A extends java.lang.annotation.Annotation> A getAnnotation(Class<A> annotationClass) {
            return null;
        }

        @Override
        public java.lang.annotation.Annotation[] getAnnotations() {
            return new java.lang.annotation.Annotation[0];
        }

        @Override
        public java.lang.annotation.Annotation[] getDeclaredAnnotations() {
            return getAnnotations();
        }

        @Override
        public String toString() {
            return type.getName() + Arrays.toString(getAnnotations());
        }
    }
}
