package org.metalvirt.shim.protocol;

import static org.metalvirt.shim.protocol.Flag.BEFORE_OPEN;
import static org.metalvirt.shim.protocol.Flag.CLOSE_AFTER_REPLY;
import static org.metalvirt.shim.protocol.Priority.HIGH;
import static org.metalvirt.shim.protocol.Priority.LOW;

import org.metalvirt.shim.protocol.Connect.AuthListRet;
import org.metalvirt.shim.protocol.Connect.GetCapabilitiesRet;
import org.metalvirt.shim.protocol.Connect.GetHostnameRet;
import org.metalvirt.shim.protocol.Connect.GetLibVersionRet;
import org.metalvirt.shim.protocol.Connect.GetMaxVcpusArgs;
import org.metalvirt.shim.protocol.Connect.GetMaxVcpusRet;
import org.metalvirt.shim.protocol.Connect.GetSysinfoArgs;
import org.metalvirt.shim.protocol.Connect.GetSysinfoRet;
import org.metalvirt.shim.protocol.Connect.GetTypeRet;
import org.metalvirt.shim.protocol.Connect.GetUriRet;
import org.metalvirt.shim.protocol.Connect.GetVersionRet;
import org.metalvirt.shim.protocol.Connect.IsSecureRet;
import org.metalvirt.shim.protocol.Connect.ListAllDomainsArgs;
import org.metalvirt.shim.protocol.Connect.ListAllDomainsRet;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Connect.SupportsFeatureArgs;
import org.metalvirt.shim.protocol.Connect.SupportsFeatureRet;
import org.metalvirt.shim.protocol.Node.GetCellsFreeMemoryArgs;
import org.metalvirt.shim.protocol.Node.GetCellsFreeMemoryRet;
import org.metalvirt.shim.protocol.Node.GetFreeMemoryRet;
import org.metalvirt.shim.protocol.Node.GetInfoRet;
import org.metalvirt.shim.protocol.Node.GetSecurityModelRet;

/**
 * The procedures of libvirt's REMOTE program that metalvirt serves, one line each: number,
 * name, args, ret, priority and flags, as {@code remote_protocol.x} declares them. A number not
 * declared here is answered with "unknown procedure", which clients turn into "not supported".
 */
public final class RemoteProcedures {

    private RemoteProcedures() {
    }

    public static final Procedure<OpenArgs, Void> CONNECT_OPEN =
            new Procedure<>(1, "CONNECT_OPEN", OpenArgs.class, Void.class, HIGH, BEFORE_OPEN);
    public static final Procedure<Void, Void> CONNECT_CLOSE =
            new Procedure<>(2, "CONNECT_CLOSE", Void.class, Void.class, HIGH, BEFORE_OPEN, CLOSE_AFTER_REPLY);
    public static final Procedure<Void, GetTypeRet> CONNECT_GET_TYPE =
            new Procedure<>(3, "CONNECT_GET_TYPE", Void.class, GetTypeRet.class, HIGH);
    public static final Procedure<Void, GetVersionRet> CONNECT_GET_VERSION =
            new Procedure<>(4, "CONNECT_GET_VERSION", Void.class, GetVersionRet.class, HIGH);
    public static final Procedure<GetMaxVcpusArgs, GetMaxVcpusRet> CONNECT_GET_MAX_VCPUS =
            new Procedure<>(5, "CONNECT_GET_MAX_VCPUS", GetMaxVcpusArgs.class, GetMaxVcpusRet.class, HIGH);
    public static final Procedure<Void, GetInfoRet> NODE_GET_INFO =
            new Procedure<>(6, "NODE_GET_INFO", Void.class, GetInfoRet.class, HIGH);
    public static final Procedure<Void, GetCapabilitiesRet> CONNECT_GET_CAPABILITIES =
            new Procedure<>(7, "CONNECT_GET_CAPABILITIES", Void.class, GetCapabilitiesRet.class, LOW);
    public static final Procedure<Void, GetHostnameRet> CONNECT_GET_HOSTNAME =
            new Procedure<>(59, "CONNECT_GET_HOSTNAME", Void.class, GetHostnameRet.class, HIGH);
    public static final Procedure<SupportsFeatureArgs, SupportsFeatureRet> CONNECT_SUPPORTS_FEATURE =
            new Procedure<>(60, "CONNECT_SUPPORTS_FEATURE", SupportsFeatureArgs.class, SupportsFeatureRet.class,
                    HIGH, BEFORE_OPEN);
    public static final Procedure<Void, AuthListRet> AUTH_LIST =
            new Procedure<>(66, "AUTH_LIST", Void.class, AuthListRet.class, HIGH, BEFORE_OPEN);
    public static final Procedure<GetCellsFreeMemoryArgs, GetCellsFreeMemoryRet> NODE_GET_CELLS_FREE_MEMORY =
            new Procedure<>(101, "NODE_GET_CELLS_FREE_MEMORY", GetCellsFreeMemoryArgs.class,
                    GetCellsFreeMemoryRet.class, HIGH);
    public static final Procedure<Void, GetFreeMemoryRet> NODE_GET_FREE_MEMORY =
            new Procedure<>(102, "NODE_GET_FREE_MEMORY", Void.class, GetFreeMemoryRet.class, HIGH);
    public static final Procedure<Void, GetUriRet> CONNECT_GET_URI =
            new Procedure<>(110, "CONNECT_GET_URI", Void.class, GetUriRet.class, HIGH);
    public static final Procedure<Void, GetSecurityModelRet> NODE_GET_SECURITY_MODEL =
            new Procedure<>(122, "NODE_GET_SECURITY_MODEL", Void.class, GetSecurityModelRet.class, HIGH);
    public static final Procedure<Void, IsSecureRet> CONNECT_IS_SECURE =
            new Procedure<>(149, "CONNECT_IS_SECURE", Void.class, IsSecureRet.class, HIGH);
    public static final Procedure<Void, GetLibVersionRet> CONNECT_GET_LIB_VERSION =
            new Procedure<>(157, "CONNECT_GET_LIB_VERSION", Void.class, GetLibVersionRet.class, HIGH);
    public static final Procedure<GetSysinfoArgs, GetSysinfoRet> CONNECT_GET_SYSINFO =
            new Procedure<>(203, "CONNECT_GET_SYSINFO", GetSysinfoArgs.class, GetSysinfoRet.class, HIGH);
    public static final Procedure<ListAllDomainsArgs, ListAllDomainsRet> CONNECT_LIST_ALL_DOMAINS =
            new Procedure<>(273, "CONNECT_LIST_ALL_DOMAINS", ListAllDomainsArgs.class, ListAllDomainsRet.class, HIGH);
    public static final Procedure<Void, Void> CONNECT_REGISTER_CLOSE_CALLBACK =
            new Procedure<>(360, "CONNECT_REGISTER_CLOSE_CALLBACK", Void.class, Void.class, HIGH);
    public static final Procedure<Void, Void> CONNECT_UNREGISTER_CLOSE_CALLBACK =
            new Procedure<>(361, "CONNECT_UNREGISTER_CLOSE_CALLBACK", Void.class, Void.class, HIGH);
}
