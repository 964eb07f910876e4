package org.metalvirt.shim.server;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The daemon's usual command line, {@code --name VALUE} or {@code --name=VALUE} of its own
 * {@link Option}s, read without picocli: picocli's classes are Java 5 class files, which class-data
 * sharing cannot archive, so building its model verified and loaded some 170 classes at every start
 * (a fifth of the time to the first answered call). The options are the same declarations;
 * anything else (help, version, a subcommand, an unknown or repeated option) is left to picocli,
 * which also says what is wrong.
 */
final class PlainOptions {

    private PlainOptions() {}

    /** Sets {@code command}'s options from {@code args}; false, with nothing set, if picocli must read them. */
    static boolean fill(Object command, String[] args) {
        Map<String, Field> options = new HashMap<>();
        for (Field field : command.getClass().getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null && (field.getType() == String.class || field.getType() == Path.class)) {
                for (String name : option.names()) {
                    options.put(name, field);
                }
            }
        }
        Map<Field, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            String name = equals > 0 ? args[i].substring(0, equals) : args[i];
            Field field = options.get(name);
            if (field == null || (equals < 0 && (i + 1 == args.length || options.containsKey(args[i + 1])))) {
                return false;
            }
            String value = equals > 0 ? args[i].substring(equals + 1) : args[++i];
            if (values.put(field, value) != null) {
                return false;
            }
        }
        values.forEach((field, value) -> set(command, field, value));
        return true;
    }

    private static void set(Object command, Field field, String value) {
        try {
            field.set(command, field.getType() == Path.class ? Path.of(value) : value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("option field " + field.getName() + " is not settable", e);
        }
    }
}
