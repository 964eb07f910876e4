package org.metalvirt.shim.security;

import javax.security.sasl.SaslServer;

/** What metalvirt's own mechanisms share: no security layer, an identity once complete. */
abstract class SaslMechanism implements SaslServer {

    private String authorizationId;

    protected void complete(String user) {
        authorizationId = user;
    }

    @Override
    public boolean isComplete() {
        return authorizationId != null;
    }

    @Override
    public String getAuthorizationID() {
        if (!isComplete()) {
            throw new IllegalStateException("authentication not complete");
        }
        return authorizationId;
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) throws javax.security.sasl.SaslException {
        throw new IllegalStateException("no security layer");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) throws javax.security.sasl.SaslException {
        throw new IllegalStateException("no security layer");
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        return javax.security.sasl.Sasl.QOP.equals(propName) ? "auth" : null;
    }

    @Override
    public void dispose() {}
}
