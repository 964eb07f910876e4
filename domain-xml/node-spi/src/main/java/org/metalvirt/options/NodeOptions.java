package org.metalvirt.options;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's flat string options ({@code nodes[].options}) bound to a backend's record by its canonical
 * constructor: a dotted key such as {@code gpio.chip} is the component {@code chip} of the nested
 * record {@code gpio}; a {@code Map<String, String>} component takes every key under its name.
 * Numbers, booleans and enums are {@link OptionValues}' conversions of the strings (what Jackson's
 * databind made of them, which bound them until it cost every start its classes); absent options
 * are null. Every problem is an {@code IllegalArgumentException} "&lt;backend&gt; option
 * '&lt;key&gt;' …", raised when the node is created.
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

    private final String backend;
    private final Wording wording;

    public NodeOptions(String backend, Wording wording) {
        this.backend = backend;
        this.wording = wording;
    }

    /** The options as {@code type}, with every key known and every {@link Range} kept. */
    public <T extends Record> T bind(Map<String, String> options, Class<T> type) {
        Map<String, Object> tree = groups(type);
        for (Map.Entry<String, String> option : new TreeMap<>(options).entrySet()) {
            String value = option.getValue() == null ? null : option.getValue().strip(); // YAML's "key:" is absent
            put(tree, type, option.getKey(), value, type, "");
        }
        T bound = construct(type, tree, "", options, type);
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

    /** Every group present (first, in the record's order), so that a record never has a null group. */
    private static Map<String, Object> groups(Class<?> type) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType().isRecord()) {
                tree.put(component.getName(), groups(component.getType()));
            }
        }
        return tree;
    }

    /** {@code a.b} goes into group {@code a} when {@code a} is a group or a map; otherwise the key stays whole. */
    @SuppressWarnings("unchecked")
    private void put(Map<String, Object> tree, Class<?> type, String key, String value, Class<?> root, String prefix) {
        int dot = key.indexOf('.');
        RecordComponent group = dot > 0 ? component(type, key.substring(0, dot)) : null;
        if (group != null && group.getType().isRecord()) {
            put(
                    (Map<String, Object>) tree.get(group.getName()),
                    group.getType(),
                    key.substring(dot + 1),
                    value,
                    root,
                    prefix + group.getName() + ".");
        } else if (group != null && Map.class.isAssignableFrom(group.getType())) {
            Object map = tree.get(group.getName());
            if (!(map instanceof Map)) {
                map = new LinkedHashMap<String, Object>();
                tree.put(group.getName(), map);
            }
            ((Map<String, Object>) map).put(key.substring(dot + 1), value);
        } else if (tree.get(key) instanceof Map) {
            throw unknown(prefix + key, root); // a value where only a group of options belongs
        } else {
            tree.put(key, value);
        }
    }

    /**
     * The record of {@code tree}. As databind did: its values converted in the tree's order (the
     * first bad one is the one reported), then the record constructed, then an unknown key refused.
     */
    @SuppressWarnings("unchecked")
    private <T> T construct(
            Class<T> type, Map<String, Object> tree, String prefix, Map<String, String> options, Class<?> root) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        String unknown = null;
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            String key = prefix + entry.getKey();
            int index = indexOf(components, entry.getKey());
            if (index < 0) {
                unknown = unknown == null ? key : unknown;
                continue;
            }
            Class<?> target = components[index].getType();
            Object value = entry.getValue();
            if (target.isRecord()) {
                values[index] = construct(target, (Map<String, Object>) value, key + ".", options, root);
            } else if (Map.class.isAssignableFrom(target)) {
                if (value instanceof String) {
                    throw unknown(key, root); // a value where a map of options belongs, such as "ipmi" itself
                }
                values[index] = value == null ? null : new LinkedHashMap<>((Map<String, Object>) value);
            } else {
                try {
                    values[index] = OptionValues.convert(target, (String) value);
                } catch (OptionValues.Refused e) {
                    throw bad(key, e.getMessage() + options.get(key));
                }
            }
        }
        T bound = instance(type, components, values, prefix, options);
        if (unknown != null) {
            throw unknown(unknown, root);
        }
        return bound;
    }

    private <T> T instance(
            Class<T> type, RecordComponent[] components, Object[] values, String prefix, Map<String, String> options) {
        try {
            Constructor<T> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            // The record's own check refused the values; named as databind named it, by the group.
            String group = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
            throw bad(group, "is not valid: " + options.get(group));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct options " + type.getName(), e);
        }
    }

    private static int indexOf(RecordComponent[] components, String name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        return -1;
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
