package org.metalvirt.baremetal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node's flat string options, read with checks that name the offending key: every problem is an
 * {@code IllegalArgumentException} "&lt;backend&gt; option '&lt;key&gt;': …", raised when the node is created.
 */
final class NodeOptions {

    private final String backend;
    private final Map<String, String> options;

    NodeOptions(String backend, Map<String, String> options, Set<String> known) {
        this.backend = backend;
        this.options = options;
        for (String key : new TreeSet<>(options.keySet())) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown " + backend + " option '" + key + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    boolean has(String key) {
        return options.containsKey(key);
    }

    String text(String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw bad(key, "is required");
        }
        return value.trim();
    }

    String text(String key, String otherwise) {
        return has(key) ? text(key) : otherwise;
    }

    Optional<String> optional(String key) {
        return has(key) ? Optional.of(text(key)) : Optional.empty();
    }

    /** One of {@code allowed}; required when {@code otherwise} is null. */
    String choice(String key, String otherwise, String... allowed) {
        String value = otherwise == null ? text(key) : text(key, otherwise);
        if (!Arrays.asList(allowed).contains(value)) {
            throw bad(key, "must be one of " + String.join(", ", allowed) + ", got " + value);
        }
        return value;
    }

    int integer(String key, int min, int max) {
        String value = text(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw bad(key, "must be between " + min + " and " + max + ", got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw bad(key, "not a number: " + value);
        }
    }

    int integer(String key, int min, int max, int otherwise) {
        return has(key) ? integer(key, min, max) : otherwise;
    }

    Optional<Integer> optionalInteger(String key, int min, int max) {
        return has(key) ? Optional.of(integer(key, min, max)) : Optional.empty();
    }

    Duration millis(String key, Duration otherwise, long min) {
        if (!has(key)) {
            return otherwise;
        }
        String value = text(key);
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min) {
                throw bad(key, "must be at least " + min + ", got " + value);
            }
            return Duration.ofMillis(parsed);
        } catch (NumberFormatException e) {
            throw bad(key, "not a number of milliseconds: " + value);
        }
    }

    boolean bool(String key, boolean otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        return switch (text(key).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, "not true or false: " + options.get(key));
        };
    }

    Path path(String key) {
        return Path.of(text(key));
    }

    Path path(String key, String otherwise) {
        return Path.of(text(key, otherwise));
    }

    /** A file that must exist now, such as a password file. */
    Path existingFile(String key) {
        Path file = path(key);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw bad(key, "no such file: " + file);
        }
        return file;
    }

    URI url(String key) {
        String value = text(key);
        try {
            URI uri = new URI(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw bad(key, "not an http(s) URL with a host: " + value);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw bad(key, "not a URL: " + value);
        }
    }

    List<String> list(String key) {
        return Arrays.stream(text(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    IllegalArgumentException bad(String key, String problem) {
        return new IllegalArgumentException(backend + " option '" + key + "' " + problem);
    }
}
