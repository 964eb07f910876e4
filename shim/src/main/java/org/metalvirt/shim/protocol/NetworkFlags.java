package org.metalvirt.shim.protocol;

/** libvirt's flags enums of the network calls, each value with libvirt's number. */
public final class NetworkFlags {

    private NetworkFlags() {}

    /** {@code virConnectListAllNetworksFlags}: each pair filters only when one of its bits is set. */
    public enum ListAll implements LibvirtFlag {
        INACTIVE(1),
        ACTIVE(2),
        PERSISTENT(4),
        TRANSIENT(8),
        AUTOSTART(16),
        NO_AUTOSTART(32);

        private final int code;

        ListAll(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virNetworkXMLFlags}. */
    public enum Xml implements LibvirtFlag {
        INACTIVE(1);

        private final int code;

        Xml(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virNetworkDefineFlags} and {@code virNetworkCreateFlags}: one bit each, the same. */
    public enum Validate implements LibvirtFlag {
        VALIDATE(1);

        private final int code;

        Validate(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** {@code virNetworkUpdateFlags} (AFFECT_CURRENT is 0). */
    public enum Update implements LibvirtFlag {
        AFFECT_LIVE(1),
        AFFECT_CONFIG(2);

        private final int code;

        Update(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }
}
