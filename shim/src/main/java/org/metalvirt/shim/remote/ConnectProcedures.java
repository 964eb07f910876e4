package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.AUTH_LIST;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_CLOSE;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_HOSTNAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_LIB_VERSION;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_TYPE;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_URI;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_VERSION;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_IS_SECURE;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_OPEN;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_REGISTER_CLOSE_CALLBACK;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_SUPPORTS_FEATURE;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_UNREGISTER_CLOSE_CALLBACK;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.ListenerAuth;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.protocol.Auth;
import org.metalvirt.shim.protocol.Connect.GetHostnameRet;
import org.metalvirt.shim.protocol.Connect.GetLibVersionRet;
import org.metalvirt.shim.protocol.Connect.GetTypeRet;
import org.metalvirt.shim.protocol.Connect.GetUriRet;
import org.metalvirt.shim.protocol.Connect.GetVersionRet;
import org.metalvirt.shim.protocol.Connect.IsSecureRet;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Connect.SupportsFeatureArgs;
import org.metalvirt.shim.protocol.Connect.SupportsFeatureRet;
import org.metalvirt.shim.protocol.LibvirtFlags;
import org.metalvirt.shim.protocol.Types.AuthType;

/** The connection's life and identity: authentication, open, close, features, type, versions. */
final class ConnectProcedures {

    /** VIR_DRV_FEATURE_PROGRAM_KEEPALIVE. */
    private static final int FEATURE_KEEPALIVE = 10;

    /**
     * Features answered 1: TYPED_PARAM_STRING (9), PROGRAM_KEEPALIVE (10), REMOTE_EVENT_CALLBACK
     * (14) and REMOTE_CLOSE_CALLBACK (15). Migration and FD passing are not offered.
     */
    private static final Set<Integer> FEATURES = Set.of(9, FEATURE_KEEPALIVE, 14, 15);

    private final Host host;

    ConnectProcedures(Host host) {
        this.host = host;
    }

    void bindTo(DriverTable table) {
        table.bind(AUTH_LIST, (session, none) -> new Auth.ListRet(List.of(authType(session))))
                .bind(CONNECT_SUPPORTS_FEATURE, this::supportsFeature)
                .bind(CONNECT_OPEN, this::open)
                .bind(CONNECT_CLOSE, (session, none) -> null)
                .bindInMemory(
                        CONNECT_GET_TYPE,
                        (session, none) -> new GetTypeRet(personality(session).type()))
                .bindInMemory(
                        CONNECT_GET_VERSION,
                        (session, none) ->
                                new GetVersionRet(personality(session).hypervisorVersion()))
                .bindInMemory(
                        CONNECT_GET_LIB_VERSION, (session, none) -> new GetLibVersionRet(Personality.LIBVIRT_VERSION))
                .bind(CONNECT_GET_HOSTNAME, (session, none) -> new GetHostnameRet(host.hostname()))
                .bindInMemory(
                        CONNECT_GET_URI,
                        (session, none) -> new GetUriRet(personality(session).uri()))
                .bindInMemory(
                        CONNECT_IS_SECURE,
                        (session, none) -> new IsSecureRet(session.transport().secure() ? 1 : 0))
                // The driver connection closes only with the socket, which the client sees itself:
                // there is never a separate CONNECTION_CLOSED event to send, so nothing to remember.
                .bind(CONNECT_REGISTER_CLOSE_CALLBACK, (session, none) -> null)
                .bind(CONNECT_UNREGISTER_CLOSE_CALLBACK, (session, none) -> null);
    }

    /** The one method the client's listener asks for, as libvirtd lists it. */
    private static AuthType authType(Session session) {
        return session.auth() == ListenerAuth.SASL ? AuthType.SASL : AuthType.NONE;
    }

    static Personality personality(Session session) {
        return session.connection(RemoteConnection.class).personality();
    }

    /** Always an answer, never an error: clients treat an error outside open as a failed API call. */
    private SupportsFeatureRet supportsFeature(Session session, SupportsFeatureArgs args) {
        if (args.feature() == FEATURE_KEEPALIVE) {
            session.startKeepalive();
        }
        return new SupportsFeatureRet(FEATURES.contains(args.feature()) ? 1 : 0);
    }

    private Void open(Session session, OpenArgs args) {
        Personality personality = args.name()
                .filter(name -> !name.isEmpty())
                .map(ConnectProcedures::personalityFor)
                .orElse(Personality.BAREMETAL);
        boolean readOnly = session.readOnlySocket() || LibvirtFlags.Connect.RO.in(args.flags());
        session.open(new RemoteConnection(personality, readOnly));
        return null;
    }

    /** Accepts {@code baremetal:///system} and {@code qemu:///system}, query parameters ignored. */
    private static Personality personalityFor(String name) {
        URI uri;
        try {
            uri = new URI(name);
        } catch (URISyntaxException e) {
            throw noDriver(name);
        }
        Personality personality = Personality.forScheme(uri.getScheme()).orElseThrow(() -> noDriver(name));
        String path = uri.getPath();
        if (!"/system".equals(path) || uri.getHost() != null) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.NONE,
                    "unexpected " + personality.scheme() + " URI path '" + path + "', try " + personality.uri());
        }
        return personality;
    }

    private static VirtException noDriver(String name) {
        return new VirtException(
                ErrorNumber.NO_CONNECT, ErrorDomain.NONE, "no connection driver available for " + name);
    }
}
