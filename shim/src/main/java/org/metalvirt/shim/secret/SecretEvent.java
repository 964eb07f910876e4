package org.metalvirt.shim.secret;

/**
 * What happened to a secret, as libvirt's secret events tell it: LIFECYCLE (defined, undefined)
 * or VALUE_CHANGED, with the secret's identity as it was then.
 */
public record SecretEvent(Id id, Lifecycle lifecycle, SecretDefinition secret) {

    /** {@code virSecretEventID}. */
    public enum Id {
        LIFECYCLE,
        VALUE_CHANGED;

        public int code() {
            return ordinal();
        }
    }

    /** {@code virSecretEventLifecycleType}; no detail goes with either. */
    public enum Lifecycle {
        DEFINED,
        UNDEFINED;

        public int code() {
            return ordinal();
        }
    }

    static SecretEvent lifecycle(Lifecycle what, SecretDefinition secret) {
        return new SecretEvent(Id.LIFECYCLE, what, secret);
    }

    static SecretEvent valueChanged(SecretDefinition secret) {
        return new SecretEvent(Id.VALUE_CHANGED, null, secret);
    }
}
