package org.metalvirt.shim.protocol;

import java.util.List;
import org.metalvirt.shim.protocol.Types.AuthType;
import org.metalvirt.shim.xdr.Chars;
import org.metalvirt.shim.xdr.Max;

/** Records of the {@code remote_auth_*} structs: {@code Auth.ListRet} is {@code remote_auth_list_ret}. */
public final class Auth {

    /** REMOTE_AUTH_SASL_DATA_MAX. */
    public static final int SASL_DATA_MAX = 65536;

    private Auth() {}

    public record ListRet(@Max(20) List<AuthType> types) {}

    public record SaslInitRet(String mechlist) {}

    /** {@code nil} 1 is SASL's "no data", which differs from empty data. */
    public record SaslStartArgs(
            String mech, int nil, @Chars(SASL_DATA_MAX) byte[] data) {}

    public record SaslStartRet(
            int complete, int nil, @Chars(SASL_DATA_MAX) byte[] data) {}

    public record SaslStepArgs(
            int nil, @Chars(SASL_DATA_MAX) byte[] data) {}

    public record SaslStepRet(
            int complete, int nil, @Chars(SASL_DATA_MAX) byte[] data) {}
}
