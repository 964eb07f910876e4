package org.metalvirt.shim.secret;

import java.util.Optional;
import java.util.UUID;
import org.metalvirt.shim.objects.Named;

/**
 * A secret as the table holds it: its definition and its value, if one was set. A secret has no
 * name; its UUID stands for one in the table's index. The value never appears in its text.
 */
public record SecretRecord(SecretDefinition definition, Optional<byte[]> value) implements Named {

    @Override
    public UUID uuid() {
        return definition.uuid();
    }

    @Override
    public String name() {
        return definition.uuid().toString();
    }

    SecretRecord withDefinition(SecretDefinition replaced) {
        return new SecretRecord(replaced, value);
    }

    SecretRecord withValue(byte[] bytes) {
        return new SecretRecord(definition, Optional.of(bytes.clone()));
    }

    @Override
    public String toString() {
        return "SecretRecord[" + definition + (value.isPresent() ? ", value set" : ", no value") + "]";
    }
}
