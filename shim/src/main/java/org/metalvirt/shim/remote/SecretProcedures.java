package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_ALL_SECRETS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_SECRETS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NUM_OF_SECRETS;
import static org.metalvirt.shim.protocol.RemoteProcedures.SECRET_DEFINE_XML;
import static org.metalvirt.shim.protocol.RemoteProcedures.SECRET_GET_VALUE;
import static org.metalvirt.shim.protocol.RemoteProcedures.SECRET_GET_XML_DESC;
import static org.metalvirt.shim.protocol.RemoteProcedures.SECRET_LOOKUP_BY_USAGE;
import static org.metalvirt.shim.protocol.RemoteProcedures.SECRET_LOOKUP_BY_UUID;
import static org.metalvirt.shim.protocol.RemoteProcedures.SECRET_SET_VALUE;
import static org.metalvirt.shim.protocol.RemoteProcedures.SECRET_UNDEFINE;

import java.util.List;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.event.SecretEvents;
import org.metalvirt.shim.protocol.Connect;
import org.metalvirt.shim.protocol.Secret;
import org.metalvirt.shim.protocol.SecretFlags.ListAll;
import org.metalvirt.shim.protocol.Types.RemoteSecret;
import org.metalvirt.shim.secret.SecretDefinition;
import org.metalvirt.shim.secret.SecretService;

/**
 * Secrets: each call its step into the secret service. A handle names its secret by UUID alone,
 * as libvirtd reads it. Values travel only in SET_VALUE and GET_VALUE, whose records never print
 * them; GET_VALUE is refused read-only by the dispatcher and for private secrets by the service.
 */
final class SecretProcedures {

    private final SecretService secrets;

    SecretProcedures(SecretService secrets) {
        this.secrets = secrets;
    }

    void bindTo(DriverTable table) {
        table.bind(
                        CONNECT_NUM_OF_SECRETS,
                        (session, none) ->
                                new Connect.NumOfSecretsRet(secrets.list().size()))
                .bind(CONNECT_LIST_SECRETS, (session, args) -> listUuids(args.maxuuids()))
                .bind(CONNECT_LIST_ALL_SECRETS, (session, args) -> listAll(args))
                .bind(
                        SECRET_LOOKUP_BY_UUID,
                        (session, args) -> new Secret.LookupByUuidRet(handle(secrets.lookup(args.uuid()))))
                .bind(
                        SECRET_LOOKUP_BY_USAGE,
                        (session, args) -> new Secret.LookupByUsageRet(
                                handle(secrets.lookupByUsage(args.usageType(), args.usageID()))))
                .bind(SECRET_DEFINE_XML, (session, args) -> new Secret.DefineXmlRet(handle(secrets.define(args.xml()))))
                .bind(
                        SECRET_GET_XML_DESC,
                        (session, args) -> new Secret.GetXmlDescRet(
                                secrets.xml(args.secret().uuid())))
                .bind(SECRET_SET_VALUE, (session, args) -> {
                    secrets.setValue(args.secret().uuid(), args.value());
                    return null;
                })
                .bind(
                        SECRET_GET_VALUE,
                        (session, args) -> new Secret.GetValueRet(
                                secrets.value(args.secret().uuid())))
                .bind(SECRET_UNDEFINE, (session, args) -> {
                    secrets.undefine(args.secret().uuid());
                    return null;
                });
    }

    private Connect.ListSecretsRet listUuids(int max) {
        // libvirtd's bound; a negative count never leaves libvirt's public API, so none is listed.
        if (max > Secret.LIST_MAX) {
            throw new VirtException(ErrorNumber.RPC, ErrorDomain.RPC, "maxuuids > REMOTE_SECRET_LIST_MAX");
        }
        return new Connect.ListSecretsRet(secrets.list().stream()
                .map(secret -> secret.uuid().toString())
                .limit(Math.max(0, max))
                .toList());
    }

    private Connect.ListAllSecretsRet listAll(Connect.ListAllSecretsArgs args) {
        List<RemoteSecret> matching = secrets.list().stream()
                .filter(secret -> wanted(args.flags(), ListAll.EPHEMERAL, ListAll.NO_EPHEMERAL, secret.ephemeral()))
                .filter(secret -> wanted(args.flags(), ListAll.PRIVATE, ListAll.NO_PRIVATE, secret.isPrivate()))
                .map(SecretProcedures::handle)
                .toList();
        return new Connect.ListAllSecretsRet(args.needResults() != 0 ? matching : List.of(), matching.size());
    }

    /** A filter pair: neither or both set let every secret through, one keeps those it names. */
    private static boolean wanted(int flags, ListAll yes, ListAll no, boolean property) {
        boolean either = yes.in(flags) == no.in(flags);
        return either || (property ? yes.in(flags) : no.in(flags));
    }

    private static RemoteSecret handle(SecretDefinition secret) {
        return SecretEvents.handle(secret);
    }
}
