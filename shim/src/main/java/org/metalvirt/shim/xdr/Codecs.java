package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Derives a {@link Codec} from a Java type and its annotations; see {@link Xdr} for the mapping. */
final class Codecs {

    static final int UNIT = 4;

    private Codecs() {}

    static Codec<?> forTopLevel(Class<?> type) {
        if (type == Void.class) {
            return VOID;
        }
        if (!type.isRecord() && !type.isSealed()) {
            throw new IllegalArgumentException(type + " is neither a record nor a sealed union");
        }
        return forType(new PlainType(type));
    }

    static Codec<?> forType(AnnotatedType annotated) {
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
                    ? array.getAnnotatedGenericComponentType()
                    : annotated;
            Chars chars = bytes.getAnnotation(Chars.class);
            if (chars != null) {
                return new CharDataCodec(chars.value());
            }
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

    static int padding(int length) {
        return (UNIT - length % UNIT) % UNIT;
    }

    /** Reads a count and checks it against the declared bound and what is left to read. */
    static int readCount(ByteBuf in, int max, int minElementSize, String what) {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw Xdr.malformed(what + " of " + Integer.toUnsignedString(count) + " exceeds its bound " + max);
        }
        if ((long) count * minElementSize > in.readableBytes()) {
            throw Xdr.malformed("truncated " + what + " of " + count);
        }
        return count;
    }

    static void checkEncodeBound(int length, int max, String what) {
        if (length > max) {
            throw Xdr.malformed(what + " of " + length + " exceeds its bound " + max);
        }
    }

    private static final Codec<Void> VOID = new Codec<>() {
        @Override
        public void encode(Void value, ByteBuf out) {}

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

    static String cString(byte[] bytes, int length) {
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        return utf8(bytes, 0, end);
    }

    /**
     * The text of UTF-8 bytes, refusing any that are not UTF-8 (a stray {@code 0xff}, an overlong
     * {@code 0xc0 0xaf}, an encoded surrogate) rather than replacing them: a name must be exactly
     * what the client sent.
     */
    static String utf8(byte[] bytes, int offset, int length) {
        // Names, URIs and most XML are ASCII: the JDK's own decoding, without a decoder per string.
        // It replaces what is not UTF-8, so its result stands only when every byte became one
        // character and none is a replacement (a Latin-1 string has none): then all were ASCII.
        String plain = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (plain.length() == length && plain.indexOf('\uFFFD') < 0) {
            return plain;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Xdr.malformed("a string that is not UTF-8");
        }
    }

    /** A class seen as an annotated type without annotations, for top-level and union arms. */
    record PlainType(Class<?> type) implements AnnotatedType {
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
