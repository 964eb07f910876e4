package org.metalvirt.shim.protocol;

import java.util.UUID;
import org.metalvirt.shim.protocol.Types.RemoteSecret;
import org.metalvirt.shim.xdr.Max;

/**
 * Records of the secret calls, fields in XDR order: {@code Secret.DefineXmlArgs} is
 * {@code remote_secret_define_xml_args}, {@code Secret.EventLifecycleMsg} is
 * {@code remote_secret_event_lifecycle_msg}; the {@code remote_connect_*_secrets*} ones are in {@link Connect}.
 */
public final class Secret {

    /** REMOTE_SECRET_VALUE_MAX. */
    static final int VALUE_MAX = 65536;

    /** REMOTE_SECRET_LIST_MAX. */
    public static final int LIST_MAX = 16384;

    private Secret() {}

    public record LookupByUuidArgs(UUID uuid) {}

    public record LookupByUuidRet(RemoteSecret secret) {}

    public record LookupByUsageArgs(int usageType, String usageID) {}

    public record LookupByUsageRet(RemoteSecret secret) {}

    public record DefineXmlArgs(String xml, int flags) {}

    public record DefineXmlRet(RemoteSecret secret) {}

    public record GetXmlDescArgs(RemoteSecret secret, int flags) {}

    public record GetXmlDescRet(String xml) {}

    /** The value is never shown: a record's text would otherwise carry it into any log. */
    public record SetValueArgs(
            RemoteSecret secret, @Max(VALUE_MAX) byte[] value, int flags) {
        @Override
        public String toString() {
            return "SetValueArgs[" + secret + ", value hidden, flags " + flags + "]";
        }
    }

    public record GetValueArgs(RemoteSecret secret, int flags) {}

    public record GetValueRet(@Max(VALUE_MAX) byte[] value) {
        @Override
        public String toString() {
            return "GetValueRet[value hidden]";
        }
    }

    public record UndefineArgs(RemoteSecret secret) {}

    public record EventLifecycleMsg(int callbackID, RemoteSecret secret, int event, int detail) {}

    public record EventValueChangedMsg(int callbackID, RemoteSecret secret) {}
}
