package org.metalvirt.shim.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JSONObjectException;
import com.fasterxml.jackson.jr.ob.JacksonJrExtension;
import com.fasterxml.jackson.jr.ob.api.ExtensionContext;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterProvider;
import com.fasterxml.jackson.jr.ob.api.ValueReader;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration's reader at start: jackson-jr's objects over the same YAML parser, a few
 * hundred classes fewer than databind's. It binds the configuration's classes, their lists and
 * maps, and four scalar types in their plain form only (a whole number for an int or a long,
 * true or false for a boolean, any scalar or null for a string, as databind takes it); anything
 * else fails here, and {@link ConfigCheck} reads the file again with databind, which decides as
 * it always did. So this reader is never more lenient than databind, only quicker.
 */
final class ConfigYaml {

    private static final JSON READER = JSON.builder(new YAMLFactory())
            .enable(JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY, JSON.Feature.USE_FIELDS)
            .enable(JSON.Feature.PRESERVE_FIELD_ORDERING) // maps as databind makes them, LinkedHashMaps
            .disable(JSON.Feature.USE_DEFERRED_MAPS)
            .register(new JacksonJrExtension() {
                @Override
                protected void register(ExtensionContext context) {
                    context.insertProvider(new PlainScalars());
                }
            })
            .build();

    private ConfigYaml() {}

    /** The file's configuration, null for a null document; throws on anything databind might read otherwise. */
    static DaemonConfig read(Path file) throws IOException {
        return READER.beanFrom(DaemonConfig.class, Files.readString(file));
    }

    /** Plain scalars for the four types; every other type outside the configuration's classes is refused. */
    private static final class PlainScalars extends ReaderWriterProvider {

        @Override
        public ValueReader findValueReader(JSONReader context, Class<?> type) {
            boolean ours = type.getName().startsWith("org.metalvirt.") && !type.isEnum();
            return ours ? null : new Plain(type);
        }
    }

    private static final class Plain extends ValueReader {

        Plain(Class<?> type) {
            super(type);
        }

        @Override
        public Object read(JSONReader reader, JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            if (_valueType == String.class) {
                switch (token) {
                    case VALUE_NULL -> {
                        return null;
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        parser.getNumberValue(); // databind parses it first: a malformed one (.inf) fails
                        return parser.getValueAsString(); // databind's coercion of a scalar to a string
                    }
                    case VALUE_STRING, VALUE_TRUE, VALUE_FALSE -> {
                        return parser.getValueAsString();
                    }
                    default -> {}
                }
            } else if (_valueType == int.class && token == JsonToken.VALUE_NUMBER_INT) {
                return parser.getIntValue(); // fails out of range, as databind
            } else if (_valueType == long.class && token == JsonToken.VALUE_NUMBER_INT) {
                return parser.getLongValue();
            } else if (_valueType == boolean.class && token.isBoolean()) {
                return parser.getBooleanValue();
            }
            throw JSONObjectException.from(parser, "%s is not read as a %s here", token, _valueType.getName());
        }
    }
}
