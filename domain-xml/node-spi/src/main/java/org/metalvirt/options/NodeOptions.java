package org.metalvirt.options;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A node's flat string options ({@code nodes[].options}) bound by Jackson to a backend's record: a
 * dotted key such as {@code gpio.chip} is the component {@code chip} of the nested record
 * {@code gpio}; a {@code Map<String, String>} component takes every key under its name. Numbers,
 * booleans and enums are Jackson's conversions of the strings; absent options are null. Every
 * problem is an {@code IllegalArgumentException} "&lt;backend&gt; option '&lt;key&gt;' …", raised
 * when the node is created.
 */
public final class NodeOptions {

    /** How a backend words its refusals; kept per backend because operators and tests match them. */
    public enum Wording {
        /** {@code baremetal option 'k' must be at least 50, got 10}. */
        PLAIN(" ", ", got "),
        /** {@code sim option 'k': must be at least 0: -1}. */
        COLON(": ", ": ");

        private final String afterKey;
        private final String beforeValue;

        Wording(String afterKey, String beforeValue) {
            this.afterKey = afterKey;
            this.beforeValue = beforeValue;
        }
    }

    // Options are strings: an empty one is a bad number or boolean, not an absent one.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .withCoercionConfigDefaults(
                    config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    private final String backend;
    private final Wording wording;

    public NodeOptions(String backend, Wording wording) {
        this.backend = backend;
        this.wording = wording;
    }

    /** The options as {@code type}, with every key known and every {@link Range} kept. */
    public <T extends Record> T bind(Map<String, String> options, Class<T> type) {
        ObjectNode tree = MAPPER.createObjectNode();
        addRecords(tree, type);
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String value = option.getValue() == null ? null : option.getValue().strip(); // YAML's "key:" is absent
            put(tree, type, option.getKey(), value, type, "");
        }
        T bound;
        try {
            bound = MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw unknown(key(e), type);
        } catch (MismatchedInputException e) {
            throw badValue(key(e), e.getTargetType(), options.get(key(e)), type);
        } catch (JsonMappingException e) {
            throw bad(key(e), "is not valid: " + options.get(key(e)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings is always readable", e);
        }
        checkRanges(bound, "", options);
        return bound;
    }

    /** {@code value}, which must be given and not blank. */
    public <V> V required(String key, V value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw bad(key, "is required");
        }
        return value;
    }

    /** An option counted in milliseconds, or {@code otherwise} when absent. */
    public static Duration millis(Long millis, Duration otherwise) {
        return millis == null ? otherwise : Duration.ofMillis(millis);
    }

    public IllegalArgumentException bad(String key, String problem) {
        return new IllegalArgumentException(backend + " option '" + key + "'" + wording.afterKey + problem);
    }

    private IllegalArgumentException unknown(String key, Class<?> type) {
        return new IllegalArgumentException(
                "unknown " + backend + " option '" + key + "' (known: " + String.join(", ", known(type, "")) + ")");
    }

    private IllegalArgumentException badValue(String key, Class<?> target, String value, Class<?> type) {
        if (target == Boolean.class || target == boolean.class) {
            return bad(key, "not true or false: " + value);
        }
        if (target != null && Number.class.isAssignableFrom(target)) {
            return bad(key, "not a number: " + value);
        }
        if (target != null && target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants())
                    .map(constant -> MAPPER.convertValue(constant, String.class))
                    .collect(Collectors.joining(", "));
            return bad(key, "must be one of " + allowed + ", got " + value);
        }
        return unknown(key, type); // a value where a group of options belongs, such as "gpio" itself
    }

    /** Makes every group present, so that a record never has a null group. */
    private static void addRecords(ObjectNode tree, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType().isRecord()) {
                addRecords(tree.putObject(component.getName()), component.getType());
            }
        }
    }

    /** {@code a.b} goes into group {@code a} when {@code a} is a group or a map; otherwise the key stays whole. */
    private void put(ObjectNode tree, Class<?> type, String key, String value, Class<?> root, String prefix) {
        int dot = key.indexOf('.');
        RecordComponent group = dot > 0 ? component(type, key.substring(0, dot)) : null;
        if (group != null && group.getType().isRecord()) {
            put(
                    (ObjectNode) tree.get(group.getName()),
                    group.getType(),
                    key.substring(dot + 1),
                    value,
                    root,
                    prefix + group.getName() + ".");
        } else if (group != null && Map.class.isAssignableFrom(group.getType())) {
            ObjectNode map = tree.get(group.getName()) instanceof ObjectNode existing
                    ? existing
                    : tree.putObject(group.getName());
            map.put(key.substring(dot + 1), value);
        } else if (tree.get(key) instanceof ObjectNode) {
            throw unknown(prefix + key, root); // a value where only a group of options belongs
        } else {
            tree.put(key, value);
        }
    }

    private static RecordComponent component(Class<?> type, String name) {
        return Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static List<String> known(Class<?> type, String prefix) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType().isRecord()) {
                names.addAll(known(component.getType(), prefix + component.getName() + "."));
            } else if (Map.class.isAssignableFrom(component.getType())) {
                names.add(prefix + component.getName() + ".*");
            } else {
                names.add(prefix + component.getName());
            }
        }
        return names;
    }

    private static String key(JsonMappingException e) {
        return e.getPath().stream()
                .map(JsonMappingException.Reference::getFieldName)
                .collect(Collectors.joining("."));
    }

    private void checkRanges(Record bound, String prefix, Map<String, String> options) {
        for (RecordComponent component : bound.getClass().getRecordComponents()) {
            Object value = value(component, bound);
            String key = prefix + component.getName();
            Range range = component.getAnnotation(Range.class);
            if (value instanceof Record group) {
                checkRanges(group, key + ".", options);
            } else if (range != null
                    && value instanceof Number number
                    && (number.longValue() < range.min() || number.longValue() > range.max())) {
                String bounds = range.max() == Long.MAX_VALUE
                        ? "must be at least " + range.min()
                        : "must be between " + range.min() + " and " + range.max();
                throw bad(key, bounds + wording.beforeValue + options.getOrDefault(key, number.toString()));
            }
        }
    }

    private static Object value(RecordComponent component, Record bound) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(bound);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read option " + component.getName(), e);
        }
    }
}
