package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.AUTH_SASL_INIT;
import static org.metalvirt.shim.protocol.RemoteProcedures.AUTH_SASL_START;
import static org.metalvirt.shim.protocol.RemoteProcedures.AUTH_SASL_STEP;

import java.util.List;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.ListenerAuth;
import org.metalvirt.shim.dispatch.SaslLayer;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.protocol.Auth;
import org.metalvirt.shim.protocol.Auth.SaslStartRet;
import org.metalvirt.shim.protocol.Auth.SaslStepRet;
import org.metalvirt.shim.security.SaslAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SASL as libvirtd runs it: INIT offers the mechanisms the connection allows, START and STEP pass
 * the client's messages to the mechanism's server until it completes, then the user must be on the
 * allowed list, and a negotiated security layer (DIGEST-MD5 over TCP) wraps the rest. Every
 * failure answers "authentication failed", never which part failed, and ends the exchange; the
 * reason is logged without any secret.
 */
final class AuthProcedures {

    private static final Logger LOG = LoggerFactory.getLogger(AuthProcedures.class);
    private static final byte[] NONE = new byte[0];

    private final SaslAuthenticator sasl;

    AuthProcedures(SaslAuthenticator sasl) {
        this.sasl = sasl;
    }

    /** One client's exchange: the mechanisms it was offered, then the server of the one it chose. */
    private static final class Exchange {
        final List<String> offered;
        SaslServer server;

        Exchange(List<String> offered) {
            this.offered = offered;
        }
    }

    void bindTo(DriverTable table) {
        table.bind(AUTH_SASL_INIT, (session, none) -> init(session))
                .bind(AUTH_SASL_START, this::start)
                .bind(AUTH_SASL_STEP, this::step);
    }

    private Auth.SaslInitRet init(Session session) {
        if (session.auth() != ListenerAuth.SASL
                || session.authenticated()
                || session.saslExchange(Exchange.class) != null) {
            throw fail(session, "invalid SASL init request");
        }
        List<String> offered = sasl.mechanisms(session.transport().secure());
        if (offered.isEmpty()) {
            throw fail(session, "no SASL mechanism is offered on " + session.transport());
        }
        session.keepSaslExchange(new Exchange(offered));
        return new Auth.SaslInitRet(String.join(",", offered));
    }

    private SaslStartRet start(Session session, Auth.SaslStartArgs args) {
        Exchange exchange = session.saslExchange(Exchange.class);
        if (exchange == null || exchange.server != null || !exchange.offered.contains(args.mech())) {
            throw fail(session, "invalid SASL start request");
        }
        try {
            exchange.server = sasl.server(args.mech(), session.transport().secure());
        } catch (SaslException e) {
            throw fail(session, e.getMessage());
        }
        Outcome outcome = evaluate(session, exchange, args.nil(), args.data());
        return new SaslStartRet(outcome.complete(), outcome.nil(), outcome.data());
    }

    private SaslStepRet step(Session session, Auth.SaslStepArgs args) {
        Exchange exchange = session.saslExchange(Exchange.class);
        if (exchange == null || exchange.server == null) {
            throw fail(session, "invalid SASL step request");
        }
        Outcome outcome = evaluate(session, exchange, args.nil(), args.data());
        return new SaslStepRet(outcome.complete(), outcome.nil(), outcome.data());
    }

    private record Outcome(int complete, int nil, byte[] data) {}

    private Outcome evaluate(Session session, Exchange exchange, int nil, byte[] data) {
        byte[] out;
        try {
            out = exchange.server.evaluateResponse(nil != 0 ? NONE : data);
        } catch (SaslException | RuntimeException e) {
            throw fail(session, exchange.server.getMechanismName() + ": " + e.getMessage());
        }
        if (out != null && out.length > Auth.SASL_DATA_MAX) {
            throw fail(session, "SASL reply data too long");
        }
        if (!exchange.server.isComplete()) {
            return new Outcome(0, out == null ? 1 : 0, out == null ? NONE : out);
        }
        String user = exchange.server.getAuthorizationID();
        if (!sasl.allowed(user)) {
            throw fail(session, "SASL user '" + user + "' is not on sasl.allowedUsernameList");
        }
        session.keepSaslExchange(null);
        SaslServer server = exchange.server;
        if ("auth-conf".equals(server.getNegotiatedProperty(Sasl.QOP))) {
            // The reply completing the exchange goes out in clear; every byte after it is wrapped.
            session.afterReply(() -> SaslLayer.install(session, server));
        }
        session.authenticated("sasl=" + user);
        LOG.info("{} authenticated with {}", session, exchange.server.getMechanismName());
        return new Outcome(1, out == null ? 1 : 0, out == null ? NONE : out);
    }

    private static VirtException fail(Session session, String reason) {
        session.keepSaslExchange(null);
        LOG.warn("{}: authentication failed: {}", session, reason);
        return new VirtException(
                ErrorNumber.AUTH_FAILED, ErrorDomain.RPC, "authentication failed: authentication failed");
    }
}
