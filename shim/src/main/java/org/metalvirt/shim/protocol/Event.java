package org.metalvirt.shim.protocol;

import java.util.Optional;
import org.metalvirt.shim.protocol.Types.RemoteDomain;

/**
 * Records of domain events, fields in XDR order: the registration calls' args and rets are
 * {@code remote_connect_domain_event_*} ({@code Event.CallbackRegisterAnyArgs} is
 * {@code remote_connect_domain_event_callback_register_any_args}), the MESSAGE payloads
 * {@code remote_domain_event_*} ({@code Event.LifecycleMsg} is {@code remote_domain_event_lifecycle_msg}).
 */
public final class Event {

    private Event() {}

    public record RegisterRet(int cbRegistered) {}

    public record DeregisterRet(int cbRegistered) {}

    public record RegisterAnyArgs(int eventID) {}

    public record DeregisterAnyArgs(int eventID) {}

    public record CallbackRegisterAnyArgs(int eventID, Optional<RemoteDomain> dom) {}

    public record CallbackRegisterAnyRet(int callbackID) {}

    public record CallbackDeregisterAnyArgs(int callbackID) {}

    public record LifecycleMsg(RemoteDomain dom, int event, int detail) {}

    public record CallbackLifecycleMsg(int callbackID, LifecycleMsg msg) {}

    public record RebootMsg(RemoteDomain dom) {}

    public record CallbackRebootMsg(int callbackID, RebootMsg msg) {}

    public record DeviceRemovedMsg(RemoteDomain dom, String devAlias) {}

    public record CallbackDeviceRemovedMsg(int callbackID, DeviceRemovedMsg msg) {}

    public record CallbackDeviceAddedMsg(int callbackID, RemoteDomain dom, String devAlias) {}

    public record CallbackDeviceRemovalFailedMsg(int callbackID, RemoteDomain dom, String devAlias) {}

    public record IoErrorMsg(RemoteDomain dom, String srcPath, String devAlias, int action) {}

    public record CallbackIoErrorMsg(int callbackID, IoErrorMsg msg) {}

    public record IoErrorReasonMsg(RemoteDomain dom, String srcPath, String devAlias, int action, String reason) {}

    public record CallbackIoErrorReasonMsg(int callbackID, IoErrorReasonMsg msg) {}
}
