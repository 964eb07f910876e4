package org.metalvirt.shim.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.protocol.Types.TypedParam;
import org.metalvirt.shim.protocol.Types.UIntValue;

/**
 * Typed parameters a set call takes, checked as libvirt's {@code virTypedParamsValidate} checks
 * them: each known name at most once, of type unsigned int; any other name "not supported".
 */
final class AdminParams {

    private static final List<String> TYPES = List.of("int", "uint", "llong", "ullong", "double", "boolean", "string");

    private AdminParams() {}

    /** The values given, by name, each an unsigned int; names not given are absent. */
    static Map<String, Long> unsignedInts(List<TypedParam> params, List<String> known) {
        Map<String, Long> values = new HashMap<>();
        for (TypedParam param : params) {
            if (!known.contains(param.field())) {
                throw new VirtException(
                        ErrorNumber.ARGUMENT_UNSUPPORTED,
                        ErrorDomain.NONE,
                        "argument unsupported: parameter '" + param.field() + "' not supported");
            }
            if (!(param.value() instanceof UIntValue value)) {
                throw new VirtException(
                        ErrorNumber.INVALID_ARG,
                        ErrorDomain.NONE,
                        "invalid argument: invalid type '" + typeName(param) + "' for parameter '" + param.field()
                                + "', expected 'uint'");
            }
            if (values.put(param.field(), Integer.toUnsignedLong(value.value())) != null) {
                throw new VirtException(
                        ErrorNumber.INVALID_ARG,
                        ErrorDomain.NONE,
                        "invalid argument: parameter '" + param.field() + "' occurs multiple times");
            }
        }
        return values;
    }

    private static String typeName(TypedParam param) {
        int arm = param.value()
                .getClass()
                .getAnnotation(org.metalvirt.shim.xdr.Arm.class)
                .value();
        return arm >= 1 && arm <= TYPES.size() ? TYPES.get(arm - 1) : "unknown";
    }

    static TypedParam uint(String field, long value) {
        return new TypedParam(field, new UIntValue((int) value));
    }
}
