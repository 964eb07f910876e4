package org.metalvirt.shim.protocol;

import static org.metalvirt.shim.protocol.Check.CLOSE_AFTER_REPLY;
import static org.metalvirt.shim.protocol.FlagMask.NONE;
import static org.metalvirt.shim.protocol.Priority.HIGH;
import static org.metalvirt.shim.protocol.Procedure.early;
import static org.metalvirt.shim.protocol.Procedure.ro;
import static org.metalvirt.shim.protocol.Procedure.rw;

import org.metalvirt.error.ErrorDomain;

/**
 * The procedures of libvirt 9.0's admin program ({@code admin_protocol.x}), one line each, read
 * as {@link RemoteProcedures} is. Every procedure is declared; those not served answer "this
 * function is not supported by the connection driver: virAdm…" from the admin error domain.
 * Every call takes flags 0 only, as libvirt's admin server checks. Admin connections are never
 * read-only (the socket is root's), so ro and rw only document the call.
 */
public interface AdminProcedures {

    // spotless:off
    Procedure<Admin.ConnectOpenArgs, Void>                                                         CONNECT_OPEN                     = early( 1, NONE);
    Procedure<Void, Void>                                                                          CONNECT_CLOSE                    = early( 2, NONE, CLOSE_AFTER_REPLY);
    Procedure<Void, Admin.ConnectGetLibVersionRet>                                                 CONNECT_GET_LIB_VERSION          = ro( 3, HIGH);
    Procedure<Admin.ConnectListServersArgs, Admin.ConnectListServersRet>                           CONNECT_LIST_SERVERS             = ro( 4, HIGH);
    Procedure<Admin.ConnectLookupServerArgs, Admin.ConnectLookupServerRet>                         CONNECT_LOOKUP_SERVER            = ro( 5, HIGH);
    Procedure<Admin.ServerGetThreadpoolParametersArgs, Admin.ServerGetThreadpoolParametersRet>     SERVER_GET_THREADPOOL_PARAMETERS = ro( 6, HIGH);
    Procedure<Admin.ServerSetThreadpoolParametersArgs, Void>                                       SERVER_SET_THREADPOOL_PARAMETERS = rw( 7, HIGH);
    Procedure<Admin.ServerListClientsArgs, Admin.ServerListClientsRet>                             SERVER_LIST_CLIENTS              = ro( 8, HIGH);
    Procedure<Admin.ServerLookupClientArgs, Admin.ServerLookupClientRet>                           SERVER_LOOKUP_CLIENT             = ro( 9, HIGH);
    Procedure<Admin.ClientGetInfoArgs, Admin.ClientGetInfoRet>                                     CLIENT_GET_INFO                  = ro(10, HIGH);
    Procedure<Admin.ClientCloseArgs, Void>                                                         CLIENT_CLOSE                     = rw(11, HIGH);
    Procedure<Admin.ServerGetClientLimitsArgs, Admin.ServerGetClientLimitsRet>                     SERVER_GET_CLIENT_LIMITS         = ro(12, HIGH);
    Procedure<Admin.ServerSetClientLimitsArgs, Void>                                               SERVER_SET_CLIENT_LIMITS         = rw(13, HIGH);
    Procedure<Admin.ConnectGetLoggingOutputsArgs, Admin.ConnectGetLoggingOutputsRet>               CONNECT_GET_LOGGING_OUTPUTS      = ro(14, HIGH);
    Procedure<Admin.ConnectGetLoggingFiltersArgs, Admin.ConnectGetLoggingFiltersRet>               CONNECT_GET_LOGGING_FILTERS      = ro(15, HIGH);
    Procedure<Admin.ConnectSetLoggingOutputsArgs, Void>                                            CONNECT_SET_LOGGING_OUTPUTS      = rw(16, HIGH);
    Procedure<Admin.ConnectSetLoggingFiltersArgs, Void>                                            CONNECT_SET_LOGGING_FILTERS      = rw(17, HIGH);
    Procedure<Admin.ServerUpdateTlsFilesArgs, Void>                                                SERVER_UPDATE_TLS_FILES          = rw(18, HIGH);
    Procedure<Admin.ConnectSetDaemonTimeoutArgs, Void>                                             CONNECT_SET_DAEMON_TIMEOUT       = rw(19, HIGH);

    ProcedureTable TABLE = ProcedureTable.of(AdminProcedures.class, new Procedure.ApiNames("virAdm", ErrorDomain.ADMIN));
    // spotless:on
}
