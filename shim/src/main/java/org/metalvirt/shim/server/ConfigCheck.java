package org.metalvirt.shim.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.util.ClassUtil;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks a configuration file offline, without starting anything or reaching any hardware, and
 * reports every problem it finds with its line: YAML syntax, unknown keys and values of the
 * wrong type, then what the daemon would refuse at start (limits, listen address, nodes and
 * their inventories and backends, timeouts, networks). A backend's own options are checked by
 * the backend when the daemon starts, since that may open its hardware.
 */
public final class ConfigCheck {

    /** One problem: where (1-based; 0 when the file as a whole) and what. */
    public record Problem(int line, int column, String message) {}

    private ConfigCheck() {}

    public static List<Problem> check(Path file) {
        List<Problem> problems = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return List.of(new Problem(0, 0, "cannot read " + file + ": " + e));
        }
        Node tree;
        try (Reader reader = Files.newBufferedReader(file)) {
            tree = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            return List.of(new Problem(
                    e.getProblemMark().getLine() + 1, e.getProblemMark().getColumn() + 1, e.getProblem()));
        } catch (IOException | RuntimeException e) {
            return List.of(new Problem(0, 0, String.valueOf(e.getMessage())));
        }
        DaemonConfig config = text.isBlank() ? new DaemonConfig() : read(text, problems);
        if (config != null) {
            new ConfigRules(new YamlLines(tree), problems).check(config);
        }
        // A value of the wrong type (a problem with a column) is not also reported as out of range.
        Set<Integer> mistyped = new HashSet<>();
        problems.stream().filter(problem -> problem.column() > 0).forEach(problem -> mistyped.add(problem.line()));
        return problems.stream()
                .filter(problem -> problem.column() > 0 || !mistyped.contains(problem.line()))
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .toList();
    }

    private static DaemonConfig read(String text, List<Problem> problems) {
        try {
            DaemonConfig config =
                    DaemonConfig.yaml().withHandler(new Collecting(problems)).readValue(text);
            return config == null ? new DaemonConfig() : config;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Problem(
                    at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e.getOriginalMessage()));
            return null;
        }
    }

    /** Records each unknown key and each value of the wrong type, and goes on reading. */
    private static final class Collecting extends DeserializationProblemHandler {

        private final List<Problem> problems;

        Collecting(List<Problem> problems) {
            this.problems = problems;
        }

        private void add(JsonParser parser, String message) {
            JsonLocation at = parser.currentTokenLocation();
            problems.add(new Problem(at.getLineNr(), at.getColumnNr(), message));
        }

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext context,
                JsonParser parser,
                JsonDeserializer<?> deserializer,
                Object bean,
                String property)
                throws IOException {
            add(
                    parser,
                    "unknown key '" + property + "'; known keys: "
                            + String.join(
                                    ", ",
                                    deserializer.getKnownPropertyNames().stream()
                                            .map(String::valueOf)
                                            .sorted()
                                            .toList()));
            parser.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(
                DeserializationContext context, Class<?> type, String value, String failure) {
            add(context.getParser(), "'" + value + "' is not " + kind(type));
            return ClassUtil.defaultValue(type);
        }

        @Override
        public Object handleWeirdNumberValue(
                DeserializationContext context, Class<?> type, Number value, String failure) {
            add(context.getParser(), value + " is not " + kind(type));
            return ClassUtil.defaultValue(type);
        }

        @Override
        public Object handleUnexpectedToken(
                DeserializationContext context,
                JavaType type,
                com.fasterxml.jackson.core.JsonToken token,
                JsonParser parser,
                String failure)
                throws IOException {
            add(parser, "expected " + kind(type.getRawClass()) + ", found " + describe(token));
            parser.skipChildren();
            return type.isPrimitive() ? ClassUtil.defaultValue(type.getRawClass()) : null;
        }

        private static String kind(Class<?> type) {
            if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                return "a whole number";
            }
            if (type == boolean.class || type == Boolean.class) {
                return "true or false";
            }
            if (type == String.class) {
                return "a string";
            }
            if (List.class.isAssignableFrom(type)) {
                return "a list";
            }
            return "a mapping (" + type.getSimpleName() + ")";
        }

        private static String describe(com.fasterxml.jackson.core.JsonToken token) {
            return switch (token) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "a mapping";
                default -> "a value";
            };
        }
    }
}
