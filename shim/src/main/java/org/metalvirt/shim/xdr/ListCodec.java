package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** {@code T x<N>}: a count, then the elements. */
record ListCodec<T>(Codec<T> element, int max) implements Codec<List<T>> {
    @Override
    public void encode(List<T> value, ByteBuf out) {
        Codecs.checkEncodeBound(value.size(), max, "array");
        out.writeInt(value.size());
        for (T item : value) {
            element.encode(item, out);
        }
    }

    @Override
    public List<T> decode(ByteBuf in) {
        // Every XDR element takes at least four bytes, except in an array of void.
        int count = Codecs.readCount(in, max, Codecs.UNIT, "array");
        List<T> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(element.decode(in));
        }
        return List.copyOf(items);
    }
}
