package org.metalvirt.shim.protocol;

import static org.metalvirt.shim.protocol.FlagMask.NONE;
import static org.metalvirt.shim.protocol.FlagMask.all;
import static org.metalvirt.shim.protocol.Priority.HIGH;
import static org.metalvirt.shim.protocol.Priority.LOW;
import static org.metalvirt.shim.protocol.Procedure.ro;
import static org.metalvirt.shim.protocol.Procedure.rw;

import org.metalvirt.error.ErrorDomain;

/**
 * metalvirt's own operator program ({@link Program#METALVIRT}), on the admin socket beside
 * libvirt's admin program, for what that program has no call for: the daemon's status, its
 * nodes, a node's self-test and maintenance power, the log level. Read as
 * {@link RemoteProcedures} is; a client calls {@code CONNECT_OPEN} of the admin program first.
 */
public interface MetalvirtProcedures {

    // spotless:off
    Procedure<Void, Metalvirt.StatusRet>                        STATUS        = ro(1, HIGH);
    Procedure<Void, Metalvirt.NodeListRet>                      NODE_LIST     = ro(2, LOW);
    Procedure<Metalvirt.NodeArgs, Metalvirt.NodeShowRet>        NODE_SHOW     = ro(3, LOW);
    Procedure<Metalvirt.NodeArgs, Metalvirt.NodeCheckRet>       NODE_CHECK    = ro(4, LOW);
    Procedure<Metalvirt.NodePowerArgs, Void>                    NODE_POWER    = rw(5, LOW, all(Metalvirt.NodePowerFlag.class));
    Procedure<Metalvirt.LogSetLevelArgs, Void>                  LOG_SET_LEVEL = rw(6, HIGH, NONE);

    ProcedureTable TABLE = ProcedureTable.of(MetalvirtProcedures.class, new Procedure.ApiNames("metalvirt", ErrorDomain.NONE));
    // spotless:on
}
