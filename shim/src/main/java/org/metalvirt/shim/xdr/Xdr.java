package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * The one XDR codec: encodes and decodes every message record, as libvirt's rpcgen-generated
 * code does for its C structs.
 *
 * <p>A record's components, in declaration order, are the struct's fields. Java types map to
 * XDR as follows, annotations giving what the Java type cannot say:
 * <ul>
 *   <li>{@code int} — int, unsigned int, enum, bool, and (padded to four bytes) char and short;
 *       {@code long} — hyper and unsigned hyper; {@code double} — double;</li>
 *   <li>{@code String} — {@code string<N>}, N from {@link Max} or {@link #STRING_MAX};
 *       with {@link Chars}, a char array;</li>
 *   <li>{@code byte[]} — {@code opaque[N]} with {@link Fixed}, {@code opaque<N>} with
 *       {@link Max}; {@code java.util.UUID} — libvirt's {@code remote_uuid}, opaque[16];</li>
 *   <li>{@code Optional<T>} — an optional pointer {@code T *x};</li>
 *   <li>{@code List<T>} — {@code T x<N>}, N from a required {@link Max};</li>
 *   <li>an enum implementing {@link XdrEnum} — its value as an int;</li>
 *   <li>a record — a struct; a sealed interface whose records carry {@link Arm} — a union.</li>
 * </ul>
 * The Java type {@code Void} stands for a void payload. Decoding enforces every bound before
 * allocating, so hostile counts cost nothing.
 */
public final class Xdr {

    /** libvirt's REMOTE_STRING_MAX, the default bound of every string. */
    public static final int STRING_MAX = 4 * 1024 * 1024;

    private static final ClassValue<Codec<?>> CODECS = new ClassValue<>() {
        @Override
        protected Codec<?> computeValue(Class<?> type) {
            return Codecs.forTopLevel(type);
        }
    };

    /**
     * Each thread's buffer for {@link #encode(Class, Object)}: a reply is encoded there and copied
     * out, instead of a new buffer per reply. One that grew past {@link #SCRATCH_KEPT} for a large
     * reply is dropped after it, so a thread keeps a few KiB, not its largest reply.
     */
    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(Xdr::scratch);

    private static final int SCRATCH_KEPT = 64 * 1024;

    private Xdr() {}

    /** Appends the XDR encoding of {@code value}, an instance of {@code type}, to {@code out}. */
    public static <T> void encode(Class<T> type, T value, ByteBuf out) {
        codec(type).encode(value, out);
    }

    /** The XDR encoding of {@code value} as a byte array. */
    public static <T> byte[] encode(Class<T> type, T value) {
        ByteBuf out = SCRATCH.get().clear();
        try {
            encode(type, value, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.getBytes(0, bytes);
            return bytes;
        } finally {
            if (out.capacity() > SCRATCH_KEPT) {
                SCRATCH.set(scratch());
            }
        }
    }

    private static ByteBuf scratch() {
        return Unpooled.buffer(1024);
    }

    /**
     * Decodes a whole payload: it must hold exactly one {@code type}, no more, no less.
     *
     * @throws VirtException {@code VIR_ERR_RPC} if the payload is truncated, has trailing bytes
     *                       or breaks a declared bound
     */
    public static <T> T decode(Class<T> type, byte[] payload) {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        T value = decode(type, in);
        if (in.isReadable()) {
            throw malformed(in.readableBytes() + " trailing bytes after " + type.getSimpleName());
        }
        return value;
    }

    /** Decodes one {@code type} from the front of {@code in}. */
    public static <T> T decode(Class<T> type, ByteBuf in) {
        try {
            return codec(type).decode(in);
        } catch (IndexOutOfBoundsException e) {
            throw malformed("truncated " + type.getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Codec<T> codec(Class<T> type) {
        return (Codec<T>) CODECS.get(type);
    }

    static VirtException malformed(String what) {
        return new VirtException(ErrorNumber.RPC, ErrorDomain.RPC, "malformed XDR: " + what);
    }
}
