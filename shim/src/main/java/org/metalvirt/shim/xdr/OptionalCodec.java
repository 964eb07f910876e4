package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/** {@code T *x}: a presence word, then the value. */
record OptionalCodec<T>(Codec<T> element) implements Codec<Optional<T>> {
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
