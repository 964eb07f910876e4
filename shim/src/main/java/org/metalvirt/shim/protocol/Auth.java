package org.metalvirt.shim.protocol;

import java.util.List;
import org.metalvirt.shim.protocol.Types.AuthType;
import org.metalvirt.shim.xdr.Max;

/** Records of the {@code remote_auth_*} structs: {@code Auth.ListRet} is {@code remote_auth_list_ret}. */
public final class Auth {

    private Auth() {}

    public record ListRet(@Max(20) List<AuthType> types) {}
}
