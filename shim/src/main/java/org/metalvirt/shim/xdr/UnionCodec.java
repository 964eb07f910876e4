package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;

/** A sealed interface as a union: the arm's discriminant, then the arm. */
final class UnionCodec<U> implements Codec<U> {
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
            byArm.put(arm.value(), (Codec<Object>) Codecs.forType(new Codecs.PlainType(permitted)));
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
