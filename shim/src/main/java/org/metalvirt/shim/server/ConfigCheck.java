package org.metalvirt.shim.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.util.ClassUtil;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
    public record Problem(int line, int column, String message) {

        /** {@code FILE:LINE: message}, as {@code metalvirtctl config check} and the daemon's start say it. */
        public String at(Path file) {
            return file + ":" + line + ": " + message;
        }
    }

    /** What was read (null when nothing could be), whether it read without a problem, and every problem. */
    private record Inspection(DaemonConfig config, boolean readable, List<Problem> problems) {}

    private ConfigCheck() {}

    public static List<Problem> check(Path file) {
        return inspect(file).problems();
    }

    /**
     * The configuration as databind reads it, for the start when the quick reader refused the
     * file: when databind has a problem with it too, every problem the check finds is the refusal.
     */
    static DaemonConfig readOrRefuse(Path file) {
        Inspection inspection = inspect(file);
        if (!inspection.readable()) {
            throw new ConfigException(inspection.problems().stream()
                    .map(problem -> problem.at(file))
                    .collect(Collectors.joining("\n")));
        }
        return inspection.config();
    }

    private static Inspection inspect(Path file) {
        List<Problem> problems = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return new Inspection(null, false, List.of(new Problem(0, 0, "cannot read " + file + ": " + e)));
        }
        Node tree;
        try (Reader reader = Files.newBufferedReader(file)) {
            tree = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            return new Inspection(
                    null,
                    false,
                    List.of(new Problem(
                            e.getProblemMark().getLine() + 1, e.getProblemMark().getColumn() + 1, e.getProblem())));
        } catch (IOException | RuntimeException e) {
            return new Inspection(null, false, List.of(new Problem(0, 0, String.valueOf(e.getMessage()))));
        }
        // An empty file is the defaults, as at start; one of blanks or comments is "no content", as databind says.
        DaemonConfig config = text.isEmpty() ? new DaemonConfig() : read(text, problems);
        boolean readable = config != null && problems.isEmpty();
        if (config != null) {
            new ConfigRules(new YamlLines(tree), problems).check(config);
        }
        // A value of the wrong type (a problem with a column) is not also reported as out of range.
        Set<Integer> mistyped = new HashSet<>();
        problems.stream().filter(problem -> problem.column() > 0).forEach(problem -> mistyped.add(problem.line()));
        return new Inspection(
                config,
                readable,
                problems.stream()
                        .filter(problem -> problem.column() > 0 || !mistyped.contains(problem.line()))
                        .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                        .toList());
    }

    private static DaemonConfig read(String text, List<Problem> problems) {
        try {
            DaemonConfig config =
                    Databind.READER.withHandler(new Collecting(problems)).readValue(text);
            return config == null ? new DaemonConfig() : config.withEmptySectionsDefaulted();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Problem(
                    at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e.getOriginalMessage()));
            return null;
        }
    }

    /** databind's reading, the rules the configuration has always been read by; loaded only when a check runs. */
    private static final class Databind {
        static final ObjectReader READER = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readerFor(DaemonConfig.class);
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
                    "unknown key '" + property + "' at " + path(parser.getParsingContext()) + "; known keys: "
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
            if (type.isPrimitive()) {
                return ClassUtil.defaultValue(type.getRawClass());
            }
            // A section of the wrong shape reads as its defaults, so that the rules about the rest still run.
            boolean section = type.getRawClass().getName().startsWith("org.metalvirt.");
            return section ? ClassUtil.createInstance(type.getRawClass(), false) : null;
        }

        /** Where the key is, as {@code nodes[1].inventory.colour}. */
        private static String path(JsonStreamContext context) {
            List<JsonStreamContext> outward = new ArrayList<>();
            for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
                outward.add(0, at);
            }
            StringBuilder path = new StringBuilder();
            for (JsonStreamContext at : outward) {
                if (at.inArray() && at.getCurrentIndex() >= 0) {
                    path.append('[').append(at.getCurrentIndex()).append(']');
                } else if (at.inObject() && at.getCurrentName() != null) {
                    path.append(path.length() > 0 ? "." : "").append(at.getCurrentName());
                }
            }
            return path.toString();
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
