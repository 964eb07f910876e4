package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;

/** An {@link XdrEnum}: its declared value as an int. */
final class EnumCodec<E extends Enum<E>> implements Codec<E> {
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
