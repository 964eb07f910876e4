package org.metalvirt.shim.protocol;

import java.util.Optional;
import java.util.UUID;
import org.metalvirt.shim.xdr.Arm;
import org.metalvirt.shim.xdr.XdrEnum;

/** Types shared by many messages ({@code remote_protocol.x}'s common definitions). */
public final class Types {

    private Types() {}

    /** {@code remote_nonnull_domain}: id is -1 while the domain is inactive. */
    public record RemoteDomain(String name, UUID uuid, int id) {}

    /** {@code remote_nonnull_node_device}: a node device is known by its name alone. */
    public record RemoteNodeDevice(String name) {}

    /** {@code remote_nonnull_secret}: a secret is known by its UUID, and its usage by type and id. */
    public record RemoteSecret(UUID uuid, int usageType, String usageID) {}

    /** {@code remote_nonnull_network}. */
    public record RemoteNetwork(String name, UUID uuid) {}

    /** {@code remote_error}, the payload of every error reply. */
    public record RemoteError(
            int code,
            int domain,
            Optional<String> message,
            int level,
            Optional<RemoteDomain> dom,
            Optional<String> str1,
            Optional<String> str2,
            Optional<String> str3,
            int int1,
            int int2,
            Optional<RemoteNetwork> net) {

        /** virErrorLevel ERROR. */
        public static final int LEVEL_ERROR = 2;

        /** An error filled as libvirtd fills it: full text, level ERROR, no extra ints. */
        public static RemoteError of(int code, int domain, String message) {
            return new RemoteError(
                    code,
                    domain,
                    Optional.of(message),
                    LEVEL_ERROR,
                    Optional.empty(),
                    Optional.of(message),
                    Optional.empty(),
                    Optional.empty(),
                    -1,
                    -1,
                    Optional.empty());
        }
    }

    /** {@code remote_typed_param}: a named value of one of libvirt's typed-parameter types. */
    public record TypedParam(String field, TypedValue value) {}

    /** {@code remote_typed_param_value}, a union on {@code virTypedParameterType}. */
    public sealed interface TypedValue
            permits IntValue, UIntValue, LLongValue, ULLongValue, DoubleValue, BooleanValue, StringValue {}

    @Arm(1)
    public record IntValue(int value) implements TypedValue {}

    @Arm(2)
    public record UIntValue(int value) implements TypedValue {}

    @Arm(3)
    public record LLongValue(long value) implements TypedValue {}

    @Arm(4)
    public record ULLongValue(long value) implements TypedValue {}

    @Arm(5)
    public record DoubleValue(double value) implements TypedValue {}

    @Arm(6)
    public record BooleanValue(int value) implements TypedValue {}

    @Arm(7)
    public record StringValue(String value) implements TypedValue {}

    /** {@code remote_auth_type}. */
    public enum AuthType implements XdrEnum {
        NONE(0),
        SASL(1),
        POLKIT(2);

        private final int value;

        AuthType(int value) {
            this.value = value;
        }

        @Override
        public int value() {
            return value;
        }
    }
}
