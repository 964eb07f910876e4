package org.metalvirt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a command's result: an aligned table or {@code name: value} lines for people, JSON for scripts. */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** Rows of named columns: a table, or a JSON array of objects. */
    void table(List<String> columns, List<List<Object>> rows) {
        if (json) {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (List<Object> row : rows) {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    object.put(camel(columns.get(i)), row.get(i));
                }
                objects.add(object);
            }
            print(objects);
            return;
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (List<Object> row : rows) {
                widths[i] = Math.max(widths[i], cell(row.get(i)).length());
            }
        }
        line(
                widths,
                new ArrayList<>(columns.stream()
                        .map(c -> (Object) c.toUpperCase(java.util.Locale.ROOT))
                        .toList()));
        rows.forEach(row -> line(widths, row));
        out.flush();
    }

    private void line(int[] widths, List<Object> cells) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cell(cells.get(i));
            text.append(i == cells.size() - 1 ? cell : String.format("%-" + (widths[i] + 2) + "s", cell));
        }
        out.println(text.toString().stripTrailing());
    }

    /** Named values: {@code name: value} lines, or one JSON object. */
    void fields(Map<String, Object> fields) {
        if (json) {
            Map<String, Object> keyed = new LinkedHashMap<>();
            fields.forEach((name, value) -> keyed.put(camel(name), value));
            print(keyed);
            return;
        }
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach(
                (name, value) -> out.println(String.format("%-" + (width + 1) + "s %s", name + ":", cell(value))));
        out.flush();
    }

    /** What a person sees of a value: nothing is a dash. */
    private static String cell(Object value) {
        return value == null ? "-" : String.valueOf(value);
    }

    /** {@code active domains} as a JSON key: {@code activeDomains}. */
    static String camel(String name) {
        String[] words = name.split(" ");
        StringBuilder key = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return key.toString();
    }

    /** Anything as JSON, or as its text. */
    void print(Object value) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.println(value);
        }
        out.flush();
    }

    /** A line for people only; JSON output stays a single document. */
    void say(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }
}
