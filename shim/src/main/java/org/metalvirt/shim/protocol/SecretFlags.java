package org.metalvirt.shim.protocol;

/** libvirt's flags of the secret calls, with their numbers ({@code libvirt-secret.h}). */
public final class SecretFlags {

    private SecretFlags() {}

    /** {@code virSecretDefineFlags}. */
    public enum Define implements LibvirtFlag {
        VALIDATE(1);

        private final int code;

        Define(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virConnectListAllSecretsFlags}: each pair filters on one property, both members meaning either. */
    public enum ListAll implements LibvirtFlag {
        EPHEMERAL(1),
        NO_EPHEMERAL(2),
        PRIVATE(4),
        NO_PRIVATE(8);

        private final int code;

        ListAll(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }
}
