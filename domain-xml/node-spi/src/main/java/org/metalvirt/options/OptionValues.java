package org.metalvirt.options;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A string option as a component's type, converted as Jackson's databind converted it when it bound
 * the options: whole numbers as {@link Integer#parseInt} and {@link Long#parseLong} read them,
 * {@code true}/{@code false} in lower, upper or title case, an enum constant by its
 * {@link JsonProperty} name (else its own), and the text {@code null} as absent for a number or a
 * boolean. An empty string is a bad number or boolean, not an absent one. Unlike databind, an enum
 * constant is never named by its index.
 */
final class OptionValues {

    /** The value cannot be the type; the message is what to say before the value given. */
    static final class Refused extends Exception {

        Refused(String problem) {
            super(problem, null, false, false);
        }
    }

    private OptionValues() {}

    /** {@code text} (stripped, null when absent) as {@code type}. */
    static Object convert(Class<?> type, String text) throws Refused {
        if (text == null || type == String.class) {
            return text;
        }
        if (type == Integer.class || type == Long.class) {
            if (text.equals("null")) {
                return null;
            }
            try {
                return type == Integer.class ? (Object) Integer.parseInt(text) : (Object) Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new Refused("not a number: ");
            }
        }
        if (type == Boolean.class) {
            return switch (text) {
                case "true", "True", "TRUE" -> Boolean.TRUE;
                case "false", "False", "FALSE" -> Boolean.FALSE;
                case "null" -> null;
                default -> throw new Refused("not true or false: ");
            };
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (name((Enum<?>) constant).equals(text)) {
                    return constant;
                }
            }
            String names = Arrays.stream(type.getEnumConstants())
                    .map(constant -> name((Enum<?>) constant))
                    .collect(Collectors.joining(", "));
            throw new Refused("must be one of " + names + ", got ");
        }
        throw new IllegalStateException("an option cannot be a " + type.getName());
    }

    /** The constant's name in the configuration: its {@link JsonProperty}'s, else its own. */
    private static String name(Enum<?> constant) {
        try {
            JsonProperty named =
                    constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return named == null || named.value().isEmpty() ? constant.name() : named.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
