package org.metalvirt.shim.objects;

import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.JacksonJrExtension;
import com.fasterxml.jackson.jr.ob.api.ExtensionContext;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterModifier;
import com.fasterxml.jackson.jr.ob.impl.BeanConstructors;
import com.fasterxml.jackson.jr.ob.impl.BeanPropertyIntrospector;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import com.fasterxml.jackson.jr.ob.impl.POJODefinition;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * The one JSON of the stores' files (records), configured once and thread-safe from then on:
 * jackson-jr over jackson-core, which jackson-databind's ~520 classes cost a fresh daemon at its
 * first define and start. The files are what databind wrote: components in their order, a null
 * one left out, a key this version does not know skipped, a missing or null primitive read as 0 or
 * false; so files of older and newer daemons load, both ways.
 */
public final class StoredJson {

    /** The stores' files. */
    public static final JSON FILES = JSON.builder()
            .enable(JSON.Feature.WRITE_RECORD_FIELDS_IN_DECLARATION_ORDER)
            .disable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS, JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY)
            .register(new PrimitiveDefaults())
            .build();

    /** The same, refusing a key it does not know: for what only this version writes. */
    public static final JSON STRICT = FILES.with(JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY);

    private StoredJson() {}

    /** Records built with 0 or false for a primitive the file leaves out, as databind built them. */
    private static final class PrimitiveDefaults extends JacksonJrExtension {

        @Override
        protected void register(ExtensionContext context) {
            context.insertModifier(new ReaderWriterModifier() {
                @Override
                public POJODefinition pojoDefinitionForDeserialization(JSONReader reader, Class<?> type) {
                    if (!type.isRecord()) {
                        return null;
                    }
                    POJODefinition found =
                            BeanPropertyIntrospector.instance().pojoDefinitionForDeserialization(reader, type);
                    return new POJODefinition(
                            type, found.getProperties().toArray(POJODefinition.Prop[]::new), new Canonical(type));
                }
            });
        }
    }

    /** A record's canonical constructor, given each absent primitive component its default. */
    private static final class Canonical extends BeanConstructors {

        private final Class<?>[] types;

        Canonical(Class<?> record) {
            super(record);
            this.types = Arrays.stream(record.getRecordComponents())
                    .map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            try {
                addRecordConstructor(record.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("no canonical constructor in " + record, e);
            }
        }

        @Override
        protected Object createRecord(Object[] components) throws Exception {
            for (int i = 0; i < types.length; i++) {
                if (components[i] == null && types[i].isPrimitive()) {
                    components[i] = Array.get(Array.newInstance(types[i], 1), 0);
                }
            }
            return super.createRecord(components);
        }
    }
}
